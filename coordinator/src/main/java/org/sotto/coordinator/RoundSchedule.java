package org.sotto.coordinator;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each round window on time by the round clock. Each window is scheduled from the
 * previous window's start, not from when the last tick finished, so ticks do not drift; and a
 * tick that runs late does not make the next ones fire back to back to catch up (as a fixed-rate
 * executor does, giving rounds windows of a few milliseconds): when whole windows have passed,
 * the schedule skips them, says so in the log, and starts the window that contains now.
 */
final class RoundSchedule {
  private static final Logger log = LoggerFactory.getLogger(RoundSchedule.class);

  private final String name;
  private final long intervalMs;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final LongConsumer tick;

  /** @param tick told the start of each window, round-clock ms */
  RoundSchedule(String name, long intervalMs, Clock clock, ScheduledExecutorService ticker,
      LongConsumer tick) {
    this.name = name;
    this.intervalMs = intervalMs;
    this.clock = clock;
    this.ticker = ticker;
    this.tick = tick;
  }

  /** The first window starts now. */
  void start() {
    at(clock.millis());
  }

  /**
   * The start of the window after the one that started at {@code windowStart}, seen at
   * {@code now}: the next one on the schedule, unless the whole of it has already passed; then
   * the latest window start at or before now (the windows in between are skipped).
   */
  static long nextWindow(long windowStart, long intervalMs, long now) {
    long next = windowStart + intervalMs;
    if (now < next + intervalMs) {
      return next;
    }
    return windowStart + (now - windowStart) / intervalMs * intervalMs;
  }

  private void at(long windowStart) {
    long delay = Math.max(0, windowStart - clock.millis());
    try {
      ticker.schedule(() -> run(windowStart), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopped
    }
  }

  private void run(long windowStart) {
    if (clock.millis() < windowStart) { // the executor's timer ran ahead of the round clock
      at(windowStart);
      return;
    }
    try {
      tick.accept(windowStart);
    } catch (RuntimeException e) { // never let the schedule die
      log.error("{} tick failed", name, e);
    }
    long now = clock.millis();
    long next = nextWindow(windowStart, intervalMs, now);
    if (next > windowStart + intervalMs) {
      log.warn("{} schedule fell {} ms behind; skipped {} windows", name,
          now - windowStart - intervalMs, (next - windowStart) / intervalMs - 1);
    }
    at(next);
  }

  /** No more ticks; waits up to {@code timeoutMs} for a tick that is running. */
  void stop(long timeoutMs) {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
