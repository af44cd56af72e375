package org.sotto.client.conversation;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageHeader;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.wire.ExchangeRequest;
import org.sotto.core.wire.RejectedInputException;

/**
 * One conversation's reliable delivery over lossy rounds: go-back-N with a small window.
 *
 * <p>Every round both peers put one sealed message in the round's dead drop (derived from the
 * ratchet): the next unacknowledged outgoing message, or an empty one that only carries the
 * acknowledgement. Each message carries {@code ack} = the highest sequence number received in
 * order. A message is delivered to the user only when it is the next in order, so the user sees
 * each message once, in order. When a round is lost (aborted, the reply failed to open, or the
 * peer was not there: an all-zero answer), sending goes back to the oldest unacknowledged message.
 * The window lets a new message go out every round even though an acknowledgement takes about two
 * rounds to come back (rounds are pipelined). Nothing is dropped from the outbox before the peer
 * acknowledges it, so no message is ever lost; at worst it is sent again.
 *
 * <p>What arrives and is not delivered is counted where it is decided, by {@link ReceiveAnomaly}
 * kind, and reported to the listener: messages sent again and messages ahead of a lost round
 * (normal), and answers that fail their HMAC or signature, replayed answers and sequence numbers
 * an honest peer cannot send (never normal).
 *
 * <p>A {@link ConversationStore} keeps the outbox, the sequence numbers and the ratchet across
 * restarts; {@link #resume} picks a saved conversation up where it stopped.
 */
public final class Conversation {
  static final int WINDOW = 3;
  /** Rounds remembered as answered, to tell a replayed answer from one that is not ours. */
  private static final int SETTLED_ROUNDS_KEPT = 64;

  private final Identity me;
  private final Contact peer;
  private final ConversationRatchet ratchet;
  private final ConversationListener listener;
  private final ConversationStore store;
  private final SecureRandom random = new SecureRandom();
  private final TreeMap<Long, byte[]> outbox = new TreeMap<>();
  /**
   * Rounds sealed and not yet answered: their keys, the message sent in each (0: none) and the
   * acknowledgement it carries.
   */
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextSequence = 1;
  private long nextToSend = 1;
  private final TreeSet<Long> settled = new TreeSet<>();
  private final Map<ReceiveAnomaly, Long> anomalies = new EnumMap<>(ReceiveAnomaly.class);
  private long receivedInOrder;
  /** The highest acknowledgement carried by a request the coordinator accepted. */
  private long acknowledgedOnWire;

  private record Pending(RoundKeys keys, long sequence, long acknowledgement) {}

  public Conversation(Identity me, Contact peer, ConversationRatchet ratchet,
      ConversationListener listener) {
    this(me, peer, ratchet, listener, ConversationStore.NONE);
  }

  private Conversation(Identity me, Contact peer, ConversationRatchet ratchet,
      ConversationListener listener, ConversationStore store) {
    this.me = me;
    this.peer = peer;
    this.ratchet = ratchet;
    this.listener = listener;
    this.store = store;
  }

  /** A conversation saved in {@code state}, persisting from now on through {@code store}. */
  public static Conversation resume(Identity me, Contact peer, ConversationState state,
      ConversationStore store, ConversationListener listener) {
    Conversation c = new Conversation(me, peer,
        new ConversationRatchet(state.chainKey(), state.round()), listener, store);
    c.outbox.putAll(state.outbox());
    c.nextSequence = state.nextSequence();
    c.receivedInOrder = state.receivedInOrder();
    c.nextToSend = c.outbox.isEmpty() ? c.nextSequence : c.outbox.firstKey();
    return c;
  }

  public Contact peer() {
    return peer;
  }

  /** Queues a message (at most 240 bytes); returns its sequence number. */
  public synchronized long send(byte[] body) {
    if (body.length > org.sotto.core.wire.WireSizes.MESSAGE_BODY) {
      throw new IllegalArgumentException("a message holds at most "
          + org.sotto.core.wire.WireSizes.MESSAGE_BODY + " bytes; split longer text");
    }
    long seq = nextSequence;
    store.queued(seq, body);
    nextSequence++;
    outbox.put(seq, body.clone());
    listener.deliveryChanged(seq, Delivery.QUEUED);
    return seq;
  }

  public synchronized int outboxSize() {
    return outbox.size();
  }

  /** How many answers of each kind were not delivered, so far (kinds never seen are absent). */
  public synchronized Map<ReceiveAnomaly, Long> anomalies() {
    return Map.copyOf(anomalies);
  }

  /**
   * The exchange request for this conversation's slot in {@code round}.
   *
   * <p>What is written, in which order, so that a crash loses and repeats nothing that matters:
   * the ratchet's new chain key is stored before anything is sealed with it, so no key that
   * could open a message already sealed stays on disk, and a restarted client never seals a
   * second, different message for the same round. Whatever the returned request carries stays
   * in the outbox, on disk since {@link #send}, until the peer acknowledges it; that it went out
   * is recorded only once the coordinator took it ({@link #submitted}). A crash before that
   * record leaves the message queued: it is sent again and the peer drops the copy as a
   * duplicate. These writes happen while the round is prepared, well before the submission time
   * (docs/client.md), so their length never shows in when the request is submitted.
   */
  public synchronized byte[] requestFor(long round) {
    if (round < ratchet.round()) {
      // Accepted for a start round still ahead: its dead drops do not exist yet.
      return org.sotto.client.round.CoverTraffic.request();
    }
    RoundKeys keys = ratchet.advanceTo(round);
    store.ratchetAt(round, ratchet.chainKey());
    ConversationMessage message;
    long base = outbox.isEmpty() ? nextSequence : outbox.firstKey();
    long sent = 0;
    if (outbox.isEmpty()) {
      message = ConversationMessage.of(0, receivedInOrder, MessageHeader.FLAG_NO_DATA,
          new byte[0]);
    } else {
      if (nextToSend < base || nextToSend >= base + WINDOW || !outbox.containsKey(nextToSend)) {
        nextToSend = base;
      }
      sent = nextToSend++;
      message = ConversationMessage.of(sent, receivedInOrder, 0, outbox.get(sent));
    }
    pending.put(round, new Pending(keys, sent, receivedInOrder));
    byte[] sealed = MessageSealer.seal(message, me.signing().privateKey(),
        keys.keysFor(me.dh().publicKey()), random);
    return new ExchangeRequest(keys.deadDropId(), sealed).encode();
  }

  /**
   * The coordinator accepted the request for {@code round}: its message, if it carried one, is
   * recorded as sent, and only then reported so.
   */
  public synchronized void submitted(long round) {
    Pending p = pending.get(round);
    if (p == null) {
      return;
    }
    acknowledgedOnWire = Math.max(acknowledgedOnWire, p.acknowledgement());
    if (p.sequence() > 0 && outbox.containsKey(p.sequence())) {
      store.sent(p.sequence());
      listener.deliveryChanged(p.sequence(), Delivery.SENT);
    }
  }

  /**
   * Whether a message received is not yet acknowledged in a request the coordinator accepted
   * (after a restart: whether anything was ever received, until the next such request). A
   * client that is about to stop waits for this, or its peer sends those messages again.
   */
  public synchronized boolean owesAcknowledgement() {
    return receivedInOrder > acknowledgedOnWire;
  }

  /** The dead drop's answer for {@code round}: the peer's message, or zeros if they were absent. */
  public synchronized void answered(long round, byte[] answer) {
    Pending p = pending.remove(round);
    if (p == null) {
      if (settled.contains(round)) {
        anomaly(ReceiveAnomaly.REPLAYED, round);
      }
      // Otherwise not ours: a round this conversation sent cover in (before its start round).
      return;
    }
    settle(round);
    RoundKeys keys = p.keys();
    try {
      if (ConstantTime.isAllZero(answer, 0, answer.length)) {
        goBack();
        return;
      }
      ConversationMessage m = MessageSealer.open(answer, keys.keysFor(peer.dhPublicKey()),
          peer.signingPublicKey());
      long ack = m.header().acknowledgement();
      if (ack >= nextSequence) {
        anomaly(ReceiveAnomaly.OUT_OF_WINDOW, round);
        return;
      }
      acknowledge(ack);
      if ((m.header().flags() & MessageHeader.FLAG_NO_DATA) == 0) {
        receive(round, m);
      }
    } catch (RejectedInputException e) {
      anomaly(e.reason() == RejectedInputException.Reason.BAD_SIGNATURE
          ? ReceiveAnomaly.SIGNATURE_FAILURE : ReceiveAnomaly.MAC_FAILURE, round);
      goBack();
    } finally {
      keys.destroy();
    }
  }

  /**
   * Delivers the next message in order; anything else is dropped and counted. The peer removes a
   * message from its outbox only once we acknowledged it, so it never sends beyond
   * {@code receivedInOrder + WINDOW}.
   */
  private void receive(long round, ConversationMessage m) {
    long sequence = m.header().sequence();
    if (sequence <= receivedInOrder) {
      anomaly(ReceiveAnomaly.DUPLICATE, round);
    } else if (sequence > receivedInOrder + WINDOW) {
      anomaly(ReceiveAnomaly.OUT_OF_WINDOW, round);
    } else if (sequence > receivedInOrder + 1) {
      anomaly(ReceiveAnomaly.GAP, round);
    } else {
      store.received(sequence, m.body());
      receivedInOrder++;
      listener.received(sequence, m.body());
    }
  }

  /** {@code round} produced no answer; what was sent in it goes out again. */
  public synchronized void lost(long round) {
    Pending p = pending.remove(round);
    if (p != null) {
      settle(round);
      p.keys().destroy();
      goBack();
    }
  }

  private void settle(long round) {
    settled.add(round);
    if (settled.size() > SETTLED_ROUNDS_KEPT) {
      settled.pollFirst();
    }
  }

  private void anomaly(ReceiveAnomaly kind, long round) {
    anomalies.merge(kind, 1L, Long::sum);
    listener.anomaly(kind, round);
  }

  private void acknowledge(long ack) {
    if (!outbox.isEmpty() && outbox.firstKey() <= ack) {
      store.acknowledged(ack);
    }
    while (!outbox.isEmpty() && outbox.firstKey() <= ack) {
      long seq = outbox.pollFirstEntry().getKey();
      listener.deliveryChanged(seq, Delivery.DELIVERED);
    }
  }

  private void goBack() {
    nextToSend = outbox.isEmpty() ? nextSequence : outbox.firstKey();
  }
}
