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
  private final Map<Long, RoundKeys> pending = new HashMap<>();
  private long nextSequence = 1;
  private long nextToSend = 1;
  private final TreeSet<Long> settled = new TreeSet<>();
  private final Map<ReceiveAnomaly, Long> anomalies = new EnumMap<>(ReceiveAnomaly.class);
  private long receivedInOrder;

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

  /** The exchange request for this conversation's slot in {@code round}. */
  public synchronized byte[] requestFor(long round) {
    if (round < ratchet.round()) {
      // Accepted for a start round still ahead: its dead drops do not exist yet.
      return org.sotto.client.round.CoverTraffic.request();
    }
    RoundKeys keys = ratchet.advanceTo(round);
    store.ratchetAt(round, ratchet.chainKey());
    pending.put(round, keys);
    ConversationMessage message;
    long base = outbox.isEmpty() ? nextSequence : outbox.firstKey();
    if (outbox.isEmpty()) {
      message = ConversationMessage.of(0, receivedInOrder, MessageHeader.FLAG_NO_DATA,
          new byte[0]);
    } else {
      if (nextToSend < base || nextToSend >= base + WINDOW || !outbox.containsKey(nextToSend)) {
        nextToSend = base;
      }
      long seq = nextToSend++;
      message = ConversationMessage.of(seq, receivedInOrder, 0, outbox.get(seq));
      store.sent(seq);
      listener.deliveryChanged(seq, Delivery.SENT);
    }
    byte[] sealed = MessageSealer.seal(message, me.signing().privateKey(),
        keys.keysFor(me.dh().publicKey()), random);
    return new ExchangeRequest(keys.deadDropId(), sealed).encode();
  }

  /** The dead drop's answer for {@code round}: the peer's message, or zeros if they were absent. */
  public synchronized void answered(long round, byte[] answer) {
    RoundKeys keys = pending.remove(round);
    if (keys == null) {
      if (settled.contains(round)) {
        anomaly(ReceiveAnomaly.REPLAYED, round);
      }
      // Otherwise not ours: a round this conversation sent cover in (before its start round).
      return;
    }
    settle(round);
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
    RoundKeys keys = pending.remove(round);
    if (keys != null) {
      settle(round);
      keys.destroy();
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
