package org.sotto.mixnode;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.round.Shuffle;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * One round at one mix node, both directions (Vuvuzela §4, Algorithm 2):
 *
 * <ol>
 *   <li>forward: drop within-round duplicates (same ephemeral key) before spending an X25519 on
 *       them; peel every onion on all cores, dropping and counting the ones that fail; add the
 *       round's noise, wrapped for the rest of the chain; shuffle everything with a fresh
 *       SecureRandom permutation;
 *   <li>reverse: un-shuffle the replies, discard the noise's, and seal each real reply under the
 *       reply key of its request's layer. A dropped onion gets random bytes of the right size,
 *       which its client rejects and retransmits.
 * </ol>
 *
 * The noise does not depend on the batch, only on the downstream round keys, which the mix has
 * from the moment the round opens. {@link #prepareNoise} makes and wraps it ahead, while the
 * window is still collecting (Vuvuzela's servers likewise generate noise when a round opens), so
 * that after the window closes the mix only peels, shuffles and forwards; {@link #forward} makes
 * it inline if nobody prepared it.
 *
 * <p>The peel need not wait for the whole batch either: {@link #beginPeel} and
 * {@link #peelArrived} peel each chunk while the next ones are still streaming in, and
 * {@link #forward} then only waits for the last chunk's peel.
 *
 * <p>{@link #destroy()} erases the round key and every reply key.
 */
final class MixRound {
  private final long round;
  private final int position;
  private final int chainLength;
  private final X25519 x25519;
  private final X25519KeyPair roundKey;
  private final MixCounters counters;
  private final ForkJoinPool pool;

  private CompletableFuture<byte[][]> noise;
  private EarlyPeel early;
  private long noiseCount;
  private ReplyKey[] replyKeys;
  private int[] keptSource;
  private Shuffle shuffle;
  private int inputCount;

  MixRound(long round, int position, int chainLength, X25519 x25519, X25519KeyPair roundKey,
      MixCounters counters, ForkJoinPool pool) {
    this.round = round;
    this.position = position;
    this.chainLength = chainLength;
    this.x25519 = x25519;
    this.roundKey = roundKey;
    this.counters = counters;
    this.pool = pool;
  }

  long round() {
    return round;
  }

  X25519KeyPair roundKey() {
    return roundKey;
  }

  boolean isLast() {
    return position == chainLength - 1;
  }

  /** Size of an item this mix sends downstream: an onion, or an exchange request at the end. */
  int outgoingItemSize() {
    return WireSizes.onionSize(chainLength - position - 1);
  }

  int incomingOnionSize() {
    return WireSizes.onionSize(chainLength - position);
  }

  /**
   * Starts making this round's noise on the worker pool, if nobody has yet; {@link #forward}
   * waits for it. {@code downstreamKeys} are the round keys of the mixes after this one, in chain
   * order (empty at the last mix).
   *
   * @return whether this call started it
   */
  synchronized boolean prepareNoise(List<byte[]> downstreamKeys, NoiseCounts counts) {
    if (noise != null) {
      return false;
    }
    noiseCount = counts.total();
    noise = CompletableFuture.supplyAsync(() -> makeNoise(counts, downstreamKeys, true), pool);
    return true;
  }

  /**
   * Like {@link #prepareNoise}, but made one request at a time on {@code background} (one
   * thread) rather than on every core: made ahead, it has the whole window, and must leave the
   * other cores to whatever else is still running (the end of the previous round upstream).
   */
  synchronized boolean prepareNoiseAhead(List<byte[]> downstreamKeys, NoiseCounts counts,
      java.util.concurrent.Executor background) {
    if (noise != null) {
      return false;
    }
    noiseCount = counts.total();
    noise = CompletableFuture.supplyAsync(() -> makeNoise(counts, downstreamKeys, false),
        background);
    return true;
  }

  /** Whether the noise has been started (ahead, or by {@link #forward}). */
  synchronized boolean noiseStarted() {
    return noise != null;
  }

  /**
   * Peels, adds noise and shuffles. {@code downstreamKeys} are the round keys of the mixes after
   * this one, in chain order (empty at the last mix); {@code noise} is ignored when
   * {@link #prepareNoise} already ran.
   */
  synchronized byte[][] forward(byte[][] onions, List<byte[]> downstreamKeys, NoiseCounts noise) {
    prepareNoise(downstreamKeys, noise);
    return forward(onions);
  }

  /** Peels, adds the noise {@link #prepareNoise} made, and shuffles. */
  synchronized byte[][] forward(byte[][] onions) {
    if (noise == null) {
      throw new IllegalStateException("round " + round + ": prepareNoise before forward");
    }
    if (replyKeys != null) {
      throw new IllegalStateException("round " + round + " was already mixed here");
    }
    inputCount = onions.length;
    counters.received(onions.length);
    long start = System.nanoTime();
    if (!noise.isDone()) {
      counters.noiseLate(noiseX25519(noiseCount, chainLength - position - 1));
    }
    PeeledLayer[] peeled;
    if (early != null && early.items == onions) { // the batch it saw streaming in, not a retry
      start = early.start; // the peel began with the first chunk
      for (ForkJoinTask<?> t : early.tasks) {
        t.join();
      }
      peeled = early.peeled;
    } else {
      boolean[] duplicate = markDuplicates(onions);
      OnionPeeler peeler = peeler();
      peeled = new PeeledLayer[onions.length];
      pool.submit(() -> IntStream.range(0, onions.length).parallel().forEach(i -> {
        if (!duplicate[i]) {
          peeled[i] = peelOne(peeler, onions[i]);
        }
      })).join();
    }
    early = null;

    replyKeys = new ReplyKey[onions.length];
    int kept = 0;
    for (PeeledLayer p : peeled) {
      kept += p == null ? 0 : 1;
    }
    keptSource = new int[kept];
    byte[][] outgoing = new byte[kept + (int) noiseCount][];
    int k = 0;
    for (int i = 0; i < peeled.length; i++) {
      if (peeled[i] != null) {
        replyKeys[i] = peeled[i].replyKey();
        keptSource[k] = i;
        outgoing[k++] = peeled[i].inner();
      }
    }
    long peelDone = System.nanoTime();
    counters.timed(MixCounters.Phase.PEEL, peelDone - start);
    byte[][] noiseItems = noise.join();
    System.arraycopy(noiseItems, 0, outgoing, kept, noiseItems.length);
    counters.noise(noiseCount);
    counters.timed(MixCounters.Phase.NOISE, System.nanoTime() - peelDone);

    shuffle = Shuffle.random(outgoing.length, Randoms.buffered(Randoms.perThread()));
    byte[][] shuffled = new byte[outgoing.length][];
    shuffle.apply(outgoing, shuffled);
    return shuffled;
  }

  /** The batch's header has arrived: {@code count} onions will follow; peel them as they come. */
  synchronized void beginPeel(int count) {
    if (replyKeys == null && count >= 0) {
      early = new EarlyPeel(count, peeler()); // a second stream for the round starts afresh
    }
  }

  /**
   * Onions {@code [first, first + n)} of the batch have arrived: drop within-round duplicates (the
   * first of equal ephemeral keys is kept, as in a whole batch) and peel the rest on the pool.
   */
  synchronized void peelArrived(byte[][] items, int first, int n) {
    EarlyPeel e = early;
    if (e == null || replyKeys != null || first + n > e.count
        || (e.items != null && e.items != items)) {
      return;
    }
    e.items = items;
    boolean[] duplicate = new boolean[n];
    for (int i = 0; i < n; i++) {
      duplicate[i] = isDuplicate(e.seen, items[first + i]);
    }
    e.tasks.add(pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
      if (!duplicate[i]) {
        e.peeled[first + i] = peelOne(e.peeler, items[first + i]);
      }
    })));
  }

  /** Peel state of a batch that is still streaming in. */
  private static final class EarlyPeel {
    final int count;
    final OnionPeeler peeler;
    final PeeledLayer[] peeled;
    final Set<ByteBuffer> seen;
    final List<ForkJoinTask<?>> tasks = new ArrayList<>();
    final long start = System.nanoTime();
    /** The receiver's array the batch is assembled in; forward uses this state only for it. */
    byte[][] items;

    EarlyPeel(int count, OnionPeeler peeler) {
      this.count = count;
      this.peeler = peeler;
      this.peeled = new PeeledLayer[count];
      this.seen = new HashSet<>(count * 2);
    }
  }

  private OnionPeeler peeler() {
    return new OnionPeeler(x25519, round, roundKey, chainLength - position);
  }

  /** Peels one onion, or counts why not and returns null. */
  private PeeledLayer peelOne(OnionPeeler peeler, byte[] onion) {
    try {
      return peeler.peel(onion);
    } catch (RejectedInputException e) {
      counters.dropped(e.reason());
      return null;
    }
  }

  /** Replies from downstream, in the order this mix sent; returns replies in arrival order. */
  synchronized byte[][] reverse(byte[][] downstreamReplies) {
    if (shuffle == null || downstreamReplies.length != shuffle.size()) {
      throw new IllegalStateException("expected " + (shuffle == null ? 0 : shuffle.size())
          + " replies for round " + round + ", got " + downstreamReplies.length);
    }
    long start = System.nanoTime();
    int inSize = WireSizes.replySize(chainLength - position - 1);
    byte[][] unshuffled = new byte[downstreamReplies.length][];
    shuffle.invert(downstreamReplies, unshuffled);
    byte[][] replies = new byte[inputCount][];
    pool.submit(() -> IntStream.range(0, keptSource.length).parallel().forEach(k -> {
      byte[] r = unshuffled[k];
      int source = keptSource[k];
      replies[source] = r.length == inSize ? replyKeys[source].seal(r) : randomReply();
    })).join();
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] == null) {
        replies[i] = randomReply();
      }
    }
    counters.mixed();
    counters.timed(MixCounters.Phase.REVERSE, System.nanoTime() - start);
    return replies;
  }

  synchronized void destroy() {
    if (noise != null) {
      noise.cancel(false);
    }
    roundKey.destroy();
    if (replyKeys != null) {
      for (ReplyKey key : replyKeys) {
        if (key != null) {
          key.destroy();
        }
      }
    }
  }

  private byte[] randomReply() {
    byte[] r = new byte[WireSizes.replySize(chainLength - position)];
    Randoms.perThread().nextBytes(r);
    return r;
  }

  private boolean[] markDuplicates(byte[][] onions) {
    boolean[] duplicate = new boolean[onions.length];
    Set<ByteBuffer> seen = new HashSet<>(onions.length * 2);
    for (int i = 0; i < onions.length; i++) {
      duplicate[i] = isDuplicate(seen, onions[i]);
    }
    return duplicate;
  }

  /** Whether an earlier onion of the round had the same ephemeral key (counted if so). */
  private boolean isDuplicate(Set<ByteBuffer> seen, byte[] onion) {
    if (onion.length < WireSizes.X25519_KEY) {
      return false; // the peeler rejects and counts it
    }
    if (!seen.add(ByteBuffer.wrap(onion, 0, WireSizes.X25519_KEY).slice())) {
      counters.duplicate();
      return true;
    }
    return false;
  }

  /**
   * Noise (DESIGN.md "Noise"): {@code singles} requests to fresh random dead drops and
   * {@code doubles / 2} pairs sharing one, with random message bytes, wrapped for the rest of the
   * chain so no later server can tell them from real requests.
   */
  private byte[][] makeNoise(NoiseCounts noise, List<byte[]> downstreamKeys, boolean parallel) {
    long start = System.nanoTime();
    int singles = (int) noise.singles();
    int total = (int) noise.total();
    byte[][] out = new byte[total][];
    int from = 0;
    byte[][] pairIds = new byte[(total - singles) / 2][WireSizes.DEAD_DROP_ID];
    SecureRandom random = Randoms.perThread();
    for (byte[] id : pairIds) {
      random.nextBytes(id);
    }
    OnionWrapper wrapper = new OnionWrapper(x25519);
    java.util.function.IntConsumer make = j -> {
      SecureRandom r = Randoms.perThread();
      byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
      r.nextBytes(request);
      if (j >= singles) {
        System.arraycopy(pairIds[(j - singles) / 2], 0, request, 0, WireSizes.DEAD_DROP_ID);
      }
      out[from + j] = downstreamKeys.isEmpty() ? request : wrapNoise(wrapper, request,
          downstreamKeys, r);
    };
    if (parallel) {
      pool.submit(() -> IntStream.range(0, total).parallel().forEach(make)).join();
    } else {
      IntStream.range(0, total).forEach(make);
    }
    counters.noiseMade(noiseX25519(total, downstreamKeys.size()), System.nanoTime() - start);
    return out;
  }

  /** A noise request wrapped for {@code layers} mixes costs a key pair and an agreement each. */
  private static long noiseX25519(long requests, int layers) {
    return requests * 2 * layers;
  }

  private byte[] wrapNoise(OnionWrapper wrapper, byte[] request, List<byte[]> keys,
      SecureRandom r) {
    try {
      return wrapper.wrap(round, keys, request, r).onion();
    } catch (RejectedInputException e) {
      // Downstream keys were verified against the descriptor before the round opened.
      throw new IllegalStateException("a downstream round key is invalid", e);
    }
  }

}
