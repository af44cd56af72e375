package org.sotto.testkit.bots;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.conversation.ReceiveAnomaly;

/**
 * One side of a demo conversation: keeps a couple of numbered messages queued while the demo is
 * sending, and checks that what arrives from its partner is exactly the text expected for that
 * sequence number, in order, once; what the conversation dropped is counted by kind.
 */
public final class ChatBot implements ConversationListener {
  private static final int QUEUE_DEPTH = 2;

  private final String name;
  private final String partner;
  private final BotStats stats;
  private final Map<Long, Long> queuedAt = new ConcurrentHashMap<>();
  private volatile Conversation conversation;
  private long lastReceived;

  ChatBot(String name, String partner, BotStats stats) {
    this.name = name;
    this.partner = partner;
    this.stats = stats;
  }

  void attach(Conversation conversation) {
    this.conversation = conversation;
  }

  int pending() {
    return conversation.outboxSize();
  }

  /** Queues messages until {@link #QUEUE_DEPTH} wait in the outbox. */
  void topUp() {
    while (conversation.outboxSize() < QUEUE_DEPTH) {
      stats.queued.incrementAndGet();
      long mine = conversation.send(text(name, partner, nextOwnSequence()));
      queuedAt.put(mine, System.currentTimeMillis());
    }
  }

  private long ownSequence;

  private long nextOwnSequence() {
    return ++ownSequence;
  }

  static byte[] text(String from, String to, long seq) {
    return ("message " + seq + " from " + from + " to " + to).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void received(long sequence, byte[] body) {
    if (sequence != lastReceived + 1) {
      stats.outOfOrder.incrementAndGet();
    }
    lastReceived = sequence;
    if (!Arrays.equals(body, text(partner, name, sequence))) {
      stats.corrupted.incrementAndGet();
      return;
    }
    stats.received.incrementAndGet();
    stats.receivedThisRound.incrementAndGet();
  }

  @Override
  public void anomaly(ReceiveAnomaly kind, long round) {
    stats.anomaly(kind);
  }

  @Override
  public void deliveryChanged(long sequence, Delivery state) {
    if (state == Delivery.DELIVERED) {
      stats.acknowledged.incrementAndGet();
      Long at = queuedAt.remove(sequence);
      if (at != null) {
        stats.messageLatency(System.currentTimeMillis() - at);
      }
    }
  }
}
