package org.sotto.client.cli;

import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.client.dialing.Invitation;

/**
 * Wakes a waiting command whenever its client reports anything (a round, a delivery, an
 * invitation, a connection change), so commands wait on events instead of polling. A command
 * takes a {@link #mark()} before it checks what it waits for, then {@link #awaitAfter} that mark:
 * an event between the check and the wait is not missed.
 */
final class ClientEvents implements SottoListener {
  private final Object lock = new Object();
  private long events;

  static ClientEvents of(SottoClient client) {
    ClientEvents e = new ClientEvents();
    client.addListener(e);
    return e;
  }

  long mark() {
    synchronized (lock) {
      return events;
    }
  }

  /** Waits until an event after {@code mark}, at most {@code maxMillis}. */
  void awaitAfter(long mark, long maxMillis) throws InterruptedException {
    long end = System.nanoTime() + maxMillis * 1_000_000L;
    synchronized (lock) {
      long left;
      while (events == mark && (left = (end - System.nanoTime()) / 1_000_000L) > 0) {
        lock.wait(left);
      }
    }
  }

  private void happened() {
    synchronized (lock) {
      events++;
      lock.notifyAll();
    }
  }

  @Override
  public void messageReceived(ChatMessage message) {
    happened();
  }

  @Override
  public void deliveryChanged(String peer, long sequence, Delivery state) {
    happened();
  }

  @Override
  public void answerDropped(String peer, ReceiveAnomaly kind) {
    happened();
  }

  @Override
  public void invitationReceived(Invitation invitation) {
    happened();
  }

  @Override
  public void invitationRefused(String claimedCaller, String reason) {
    happened();
  }

  @Override
  public void connectionChanged(boolean connected, String detail) {
    happened();
  }

  @Override
  public void roundStatus(RoundStatus status) {
    happened();
  }
}
