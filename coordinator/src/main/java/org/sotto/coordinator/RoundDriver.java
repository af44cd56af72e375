package org.sotto.coordinator;

import static org.sotto.coordinator.RoundClock.millisSince;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.proto.AbortCause;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundAborted;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundReplies;
import org.sotto.proto.RoundSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round protocol as the coordinator runs it, every {@code roundIntervalMs}:
 *
 * <ol>
 *   <li>close the window of the round that was collecting and send its batch into the chain,
 *       asynchronously: the round mixes while the next one collects (pipelining);
 *   <li>open the next round: collect a fresh signed X25519 key from every mix (last first), push
 *       the RoundSettings to every client, and accept one submission per client until the next
 *       tick;
 *   <li>when a batch's replies come back, hand each client its slots' replies on its stream.
 * </ol>
 *
 * Any hop failing or timing out aborts that round for everyone, with the cause; the round keys are
 * erased at every mix, and the next tick tries again, so rounds resume as soon as the chain is
 * back. Round numbers are wall-clock slots (epoch ms / interval), so they keep increasing across
 * coordinator restarts and client ratchets never need to step back.
 */
final class RoundDriver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoundDriver.class);

  private final ClusterDescriptor descriptor;
  private final Chain chain;
  private final SessionRegistry sessions;
  private final RoundListener listener;
  private final RoundClock clock;
  private final AtomicReference<RoundCollection> collecting = new AtomicReference<>();
  private volatile long lastOpenMs;

  RoundDriver(ClusterDescriptor descriptor, Chain chain, SessionRegistry sessions,
      RoundListener listener, long hopTimeoutMs) {
    this.descriptor = descriptor;
    this.chain = chain;
    this.sessions = sessions;
    this.listener = listener;
    this.clock = new RoundClock("round", hopTimeoutMs);
  }

  void start() {
    clock.start(descriptor.roundIntervalMs(), this::tick);
  }

  /** The round whose window is open now, or null between rounds or while the chain is down. */
  RoundCollection collecting() {
    return collecting.get();
  }

  private void tick() {
    RoundCollection closing = collecting.getAndSet(null);
    if (closing != null) {
      mix(closing.close());
    }
    openNext();
  }

  private void openNext() {
    long round = clock.nextRound(descriptor.roundIntervalMs());
    long start = System.nanoTime();
    List<MixRoundKey> keys;
    try {
      keys = chain.openRound(round);
    } catch (Chain.HopFailure f) {
      abort(round, 0, 0, f.cause, f.getMessage(), millisSince(start), 0, 0);
      return;
    }
    long openMs = millisSince(start);
    RoundCollection collection = new RoundCollection(round, descriptor.slotsPerRound());
    collecting.set(collection);
    sessions.broadcast(RoundEvent.newBuilder().setSettings(RoundSettings.newBuilder()
        .setRound(round).addAllMixKeys(keys)
        .setSubmitDeadlineUnixMs(System.currentTimeMillis() + descriptor.roundIntervalMs()))
        .build());
    lastOpenMs = openMs;
  }

  private void mix(RoundCollection.Closed closed) {
    long start = System.nanoTime();
    long closedAt = System.currentTimeMillis();
    long openMs = lastOpenMs;
    clock.await(chain.mix(closed.round(), closed.onions()), replies -> {
      deliver(closed, replies);
      listener.roundFinished(new RoundOutcome(closed.round(), closed.sessions().size(),
          closed.onions().length, true, AbortCause.ABORT_CAUSE_UNSPECIFIED, "", openMs,
          millisSince(start), closedAt));
    }, failure -> abort(closed.round(), closed.sessions().size(), closed.onions().length,
        failure.cause(), failure.reason(), openMs, millisSince(start), closedAt));
  }

  private void deliver(RoundCollection.Closed closed, byte[][] replies) {
    int slot = 0;
    for (SessionId id : closed.sessions()) {
      RoundReplies.Builder r = RoundReplies.newBuilder().setRound(closed.round());
      for (int i = 0; i < closed.slots(); i++) {
        r.addReplies(com.google.protobuf.UnsafeByteOperations.unsafeWrap(replies[slot++]));
      }
      ClientSession session = sessions.get(id);
      if (session != null) {
        session.push(RoundEvent.newBuilder().setReplies(r).build());
      }
    }
  }

  private void abort(long round, int clients, int onions, AbortCause cause, String reason,
      long openMs, long mixMs, long closedAt) {
    log.warn("round {} aborted: {}", round, reason);
    chain.closeRound(round, reason);
    sessions.broadcast(RoundEvent.newBuilder().setAborted(RoundAborted.newBuilder()
        .setRound(round).setCause(cause).setReason(reason)).build());
    listener.roundFinished(new RoundOutcome(round, clients, onions, false, cause, reason, openMs,
        mixMs, closedAt));
  }

  /**
   * Graceful stop: no new rounds; the collecting round is aborted (its clients will retransmit
   * elsewhere or later); rounds already in the chain get up to the hop timeout to finish.
   */
  @Override
  public void close() {
    clock.stop(() -> {
      RoundCollection open = collecting.getAndSet(null);
      if (open != null) {
        open.close();
        abort(open.round(), 0, 0, AbortCause.ABORT_CAUSE_SHUTDOWN,
            "the coordinator is shutting down", 0, 0, System.currentTimeMillis());
      }
    });
  }
}
