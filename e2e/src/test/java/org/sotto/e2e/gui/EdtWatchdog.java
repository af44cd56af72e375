package org.sotto.e2e.gui;

import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;

/**
 * Measures how long the event dispatch thread takes to run a task posted to it, every 50 ms,
 * and keeps the worst: a window that "never freezes" keeps this small while the client works.
 */
final class EdtWatchdog implements AutoCloseable {
  private final AtomicLong worstMs = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  EdtWatchdog() {
    thread = new Thread(this::watch, "edt-watchdog");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    while (running) {
      long posted = System.nanoTime();
      java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
      SwingUtilities.invokeLater(() -> {
        worstMs.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max);
        ran.countDown();
      });
      try {
        ran.await();
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long worstMs() {
    return worstMs.get();
  }

  /** Forgets the worst so far (after a phase that legitimately keeps the EDT busy). */
  void reset() {
    worstMs.set(0);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
