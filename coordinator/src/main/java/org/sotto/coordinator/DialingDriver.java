package org.sotto.coordinator;

import static org.sotto.coordinator.RoundClock.millisSince;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.AbortCause;
import org.sotto.proto.DialingBucketsReady;
import org.sotto.proto.DialingRoundAborted;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dialing rounds as the coordinator runs them, every {@code dialing.roundIntervalMs}, alongside
 * and independent of the conversation rounds (Vuvuzela §5; Alpenhorn, Lazar &amp; Zeldovich, OSDI
 * 2016):
 *
 * <ol>
 *   <li>close the collecting dialing round and send its onions into the chain, asynchronously;
 *       when the buckets come back, keep them for FetchBucket, tell every client they are ready,
 *       and have every mix erase the round's key;
 *   <li>open the next dialing round: choose the bucket count from the number of connected clients,
 *       collect a fresh signed dialing key from every mix (last first), push the
 *       DialingRoundSettings to every client and accept one dialing onion per client until the
 *       next tick.
 * </ol>
 *
 * A failing hop aborts that dialing round for everyone (callers dial again); the next tick tries
 * again. Dialing round numbers are wall-clock slots of the dialing interval, as conversation
 * rounds are of theirs.
 */
final class DialingDriver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DialingDriver.class);

  private final ClusterDescriptor.DialingSettings settings;
  private final int chainLength;
  private final DialingChain chain;
  private final SessionRegistry sessions;
  private final BucketStore store;
  private final DialingListener listener;
  private final RoundClock clock;
  private final AtomicReference<Collecting> collecting = new AtomicReference<>();
  private final Set<Long> mixing = ConcurrentHashMap.newKeySet();

  /** The dialing round whose window is open, and its bucket count. */
  record Collecting(RoundCollection collection, int buckets) {}

  DialingDriver(ClusterDescriptor descriptor, DialingChain chain, SessionRegistry sessions,
      BucketStore store, DialingListener listener, long hopTimeoutMs) {
    this.settings = descriptor.dialing();
    this.chainLength = descriptor.chainLength();
    this.chain = chain;
    this.sessions = sessions;
    this.store = store;
    this.listener = listener;
    this.clock = new RoundClock("dialing", hopTimeoutMs);
  }

  void start() {
    clock.start(settings.roundIntervalMs(), this::tick);
  }

  /** The dialing round accepting onions now, or null. */
  Collecting collecting() {
    return collecting.get();
  }

  /** Whether the dialing round's buckets may still come: it is collecting or mixing. */
  boolean pending(long round) {
    Collecting open = collecting.get();
    return open != null && open.collection().round() == round || mixing.contains(round);
  }

  /** Until when a round that is ready now stays available, Unix milliseconds. */
  long availableUntil() {
    return System.currentTimeMillis() + store.retainedRounds() * settings.roundIntervalMs();
  }

  private void tick() {
    Collecting closing = collecting.getAndSet(null);
    if (closing != null) {
      mix(closing.collection().close(), closing.buckets());
    }
    openNext();
  }

  private void openNext() {
    long round = clock.nextRound(settings.roundIntervalMs());
    int buckets = settings.bucketCount(sessions.size());
    List<MixRoundKey> keys;
    try {
      keys = chain.open(round, buckets);
    } catch (Chain.HopFailure f) {
      abort(round, buckets, 0, 0, List.of(), f.cause, f.getMessage(), 0);
      return;
    }
    collecting.set(new Collecting(new RoundCollection(round, 1), buckets));
    long now = System.currentTimeMillis();
    sessions.broadcast(RoundEvent.newBuilder().setDialing(DialingRoundSettings.newBuilder()
        .setDialingRound(round).setBucketCount(buckets).addAllMixKeys(keys)
        .setSubmitDeadlineUnixMs(now + settings.roundIntervalMs())
        .setServerTimeUnixMs(now)
        .setOnionSize(WireSizes.dialingOnionSize(chainLength))
        .setInvitationSize(WireSizes.INVITATION)).build());
  }

  private void mix(RoundCollection.Closed closed, int buckets) {
    long start = System.nanoTime();
    long round = closed.round();
    List<Integer> sizes = Arrays.stream(closed.onions()).map(o -> o.length).distinct().sorted()
        .toList();
    mixing.add(round);
    clock.await(chain.mix(round, closed.onions(), buckets),
        result -> deliver(closed, buckets, sizes, result, millisSince(start)),
        failure -> abort(round, buckets, closed.sessions().size(), closed.onions().length, sizes,
            failure.cause(), failure.reason(), millisSince(start)))
        .whenComplete((v, e) -> mixing.remove(round));
  }

  private void deliver(RoundCollection.Closed closed, int buckets, List<Integer> sizes,
      Buckets result, long mixMs) {
    store.put(result);
    chain.close(closed.round(), "");
    sessions.broadcast(RoundEvent.newBuilder().setDialingReady(DialingBucketsReady.newBuilder()
        .setDialingRound(closed.round()).setBucketCount(buckets)
        .setAvailableUntilUnixMs(availableUntil())).build());
    List<Integer> bucketSizes = Arrays.stream(result.buckets()).map(b -> b.length).toList();
    listener.dialingRoundFinished(new DialingOutcome(closed.round(), buckets,
        closed.sessions().size(), closed.onions().length, sizes, true,
        AbortCause.ABORT_CAUSE_UNSPECIFIED, "", bucketSizes, mixMs));
  }

  private void abort(long round, int buckets, int clients, int onions, List<Integer> sizes,
      AbortCause cause, String reason, long mixMs) {
    log.warn("dialing round {} aborted: {}", round, reason);
    chain.close(round, reason);
    sessions.broadcast(RoundEvent.newBuilder().setDialingAborted(DialingRoundAborted.newBuilder()
        .setDialingRound(round).setCause(cause).setReason(reason)).build());
    listener.dialingRoundFinished(new DialingOutcome(round, buckets, clients, onions, sizes,
        false, cause, reason, List.of(), mixMs));
  }

  /**
   * Graceful stop: no new dialing rounds; the collecting one is aborted (its callers dial again
   * after a restart); those already in the chain get up to the hop timeout to finish.
   */
  @Override
  public void close() {
    clock.stop(() -> {
      Collecting open = collecting.getAndSet(null);
      if (open != null) {
        open.collection().close();
        abort(open.collection().round(), open.buckets(), 0, 0, List.of(),
            AbortCause.ABORT_CAUSE_SHUTDOWN, "the coordinator is shutting down", 0);
      }
    });
  }
}
