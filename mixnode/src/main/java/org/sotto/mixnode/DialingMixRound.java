package org.sotto.mixnode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.round.RoundKind;
import org.sotto.core.round.Shuffle;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * One dialing round at one mix node, as in Vuvuzela's dialing protocol (van den Hooff et al., SOSP
 * 2015, §5) and Alpenhorn's dialing mixnet (Lazar &amp; Zeldovich, OSDI 2016):
 *
 * <ol>
 *   <li>peel every dialing onion, dropping duplicates and bad layers ({@link BatchPeeler});
 *   <li>add, for every bucket b &lt; m, {@code noise[b]} noise invitations: random
 *       invitation-sized bytes addressed to b, wrapped for the rest of the chain so no later mix
 *       can tell them from real ones;
 *   <li>a mix that is not last shuffles everything with a fresh SecureRandom permutation and
 *       forwards it; the last mix instead sorts the dialing requests into their buckets (dropping
 *       cover requests to the no-op bucket and buckets out of range), adds its own noise, and
 *       shuffles each bucket.
 * </ol>
 *
 * Noise goes into every bucket, so the number of invitations in a bucket, which everybody can
 * see, tells an observer little about how many real invitations it holds: that number is what
 * the differential-privacy argument protects. There is no reverse path: buckets are public.
 * {@link #destroy()} erases the round key.
 */
final class DialingMixRound {
  private static final ThreadLocal<SecureRandom> WORKER_RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private final long round;
  private final int position;
  private final int chainLength;
  private final int bucketCount;
  private final X25519 x25519;
  private final X25519KeyPair roundKey;
  private final DialingCounters counters;
  private final ForkJoinPool pool;
  private final SecureRandom random = new SecureRandom();

  DialingMixRound(long round, int position, int chainLength, int bucketCount, X25519 x25519,
      X25519KeyPair roundKey, DialingCounters counters, ForkJoinPool pool) {
    this.round = round;
    this.position = position;
    this.chainLength = chainLength;
    this.bucketCount = bucketCount;
    this.x25519 = x25519;
    this.roundKey = roundKey;
    this.counters = counters;
    this.pool = pool;
  }

  int bucketCount() {
    return bucketCount;
  }

  boolean isLast() {
    return position == chainLength - 1;
  }

  int incomingOnionSize() {
    return WireSizes.dialingOnionSize(chainLength - position);
  }

  /** Size of the onions this mix (not the last) sends to the next. */
  int outgoingOnionSize() {
    return WireSizes.dialingOnionSize(chainLength - position - 1);
  }

  /**
   * A mix before the last: peels, adds {@code noise[b]} invitations to every bucket b wrapped for
   * {@code downstreamKeys} (the dialing keys of the mixes after this one), and shuffles.
   */
  synchronized byte[][] forward(byte[][] onions, List<byte[]> downstreamKeys, long[] noise) {
    requireNoiseForEveryBucket(noise);
    List<byte[]> peeled = peel(onions);
    int kept = peeled.size();
    int[] bucketOf = noiseBuckets(noise);
    byte[][] outgoing = new byte[kept + bucketOf.length][];
    for (int i = 0; i < kept; i++) {
      outgoing[i] = peeled.get(i);
    }
    OnionWrapper wrapper = new OnionWrapper(x25519, RoundKind.DIALING);
    pool.submit(() -> IntStream.range(0, bucketOf.length).parallel().forEach(j -> {
      SecureRandom r = WORKER_RANDOM.get();
      byte[] request = noiseRequest(bucketOf[j], r);
      try {
        outgoing[kept + j] = wrapper.wrap(round, downstreamKeys, request, r).onion();
      } catch (RejectedInputException e) {
        // Downstream keys were verified against the descriptor before the round opened.
        throw new IllegalStateException("a downstream dialing key is invalid", e);
      }
    })).join();
    counters.noise(bucketOf.length);
    byte[][] shuffled = new byte[outgoing.length][];
    Shuffle.random(outgoing.length, random).apply(outgoing, shuffled);
    counters.mixed();
    return shuffled;
  }

  /**
   * The last mix: peels, sorts each dialing request's invitation into its bucket, adds
   * {@code noise[b]} random invitations to every bucket b, and shuffles every bucket.
   */
  synchronized Buckets sort(byte[][] onions, long[] noise) {
    requireNoiseForEveryBucket(noise);
    List<List<byte[]>> buckets = new ArrayList<>(bucketCount);
    for (int b = 0; b < bucketCount; b++) {
      buckets.add(new ArrayList<>());
    }
    for (byte[] peeled : peel(onions)) {
      DialingRequest request;
      try {
        request = DialingRequest.parse(peeled);
      } catch (RejectedInputException e) {
        counters.dropped(e.reason());
        continue;
      }
      if (request.isNoOp()) {
        counters.noOp();
      } else if (request.bucket() >= bucketCount) {
        counters.outOfRange();
      } else {
        buckets.get((int) request.bucket()).add(request.invitation());
      }
    }
    byte[][][] out = new byte[bucketCount][][];
    long added = 0;
    for (int b = 0; b < bucketCount; b++) {
      List<byte[]> bucket = buckets.get(b);
      for (long k = 0; k < noise[b]; k++) {
        byte[] invitation = new byte[WireSizes.INVITATION];
        random.nextBytes(invitation);
        bucket.add(invitation);
      }
      added += noise[b];
      byte[][] items = bucket.toArray(byte[][]::new);
      out[b] = new byte[items.length][];
      Shuffle.random(items.length, random).apply(items, out[b]);
    }
    counters.noise(added);
    counters.mixed();
    return Buckets.all(round, WireSizes.INVITATION, out);
  }

  synchronized void destroy() {
    roundKey.destroy();
  }

  private List<byte[]> peel(byte[][] onions) {
    counters.received(onions.length);
    PeeledLayer[] peeled = BatchPeeler.peelAll(onions,
        new OnionPeeler(x25519, RoundKind.DIALING, round, roundKey, chainLength - position),
        pool, counters::dropped, counters::duplicate);
    List<byte[]> inner = new ArrayList<>(peeled.length);
    for (PeeledLayer p : peeled) {
      if (p != null) {
        p.replyKey().destroy(); // dialing has no replies
        inner.add(p.inner());
      }
    }
    return inner;
  }

  /** The bucket of each noise request, noise[b] times b, for every b. */
  private static int[] noiseBuckets(long[] noise) {
    long total = 0;
    for (long n : noise) {
      total += n;
    }
    int[] out = new int[Math.toIntExact(total)];
    int k = 0;
    for (int b = 0; b < noise.length; b++) {
      for (long j = 0; j < noise[b]; j++) {
        out[k++] = b;
      }
    }
    return out;
  }

  private static byte[] noiseRequest(int bucket, SecureRandom random) {
    byte[] invitation = new byte[WireSizes.INVITATION];
    random.nextBytes(invitation);
    return new DialingRequest(bucket, invitation).encode();
  }

  private void requireNoiseForEveryBucket(long[] noise) {
    if (noise.length != bucketCount) {
      throw new IllegalArgumentException("one noise count per bucket: " + bucketCount
          + " buckets, " + noise.length + " counts");
    }
  }
}
