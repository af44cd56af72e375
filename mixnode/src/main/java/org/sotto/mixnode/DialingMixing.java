package org.sotto.mixnode;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.WireSizes;

/**
 * Dialing rounds, as in Vuvuzela's dialing protocol (van den Hooff et al., SOSP 2015, §5) and
 * Alpenhorn's dialing mixnet (Lazar &amp; Zeldovich, OSDI 2016): one-way (buckets are public, so
 * there is no reverse path), opened with a bucket count m. Every mix adds, for every bucket
 * b &lt; m, a Laplace-distributed number of noise requests addressed to b with random invitation
 * bytes, so the number of invitations in a bucket, which everybody can see, tells an observer
 * little about how many real ones it holds: that number is what the differential-privacy argument
 * protects. It adds one more Laplace-distributed number of requests to the no-op bucket, which
 * carries the cover requests of clients that are not dialing: the last mix counts that bucket
 * before discarding it, and without noise from the mixes before it a corrupt last mix that
 * isolates one client would read "did this client dial" exactly (Vuvuzela noises its dummy
 * mailbox for the same reason). The next hop is the next mix or, at the last mix, the
 * {@link BucketSort}.
 */
final class DialingMixing implements RoundKindService<DialingMixing.Settings, Buckets, Buckets> {
  private final LaplaceNoise noise;
  private final int maxBuckets;
  private final NextHop<Settings, Buckets> next;

  /** A dialing round's settings: its number of buckets, the same at every mix. */
  record Settings(int buckets) {
    @Override
    public String toString() {
      return buckets + " buckets";
    }
  }

  /**
   * @param next the next mix's MixDialingBatch, or the {@link BucketSort} at the last mix
   */
  DialingMixing(ClusterDescriptor descriptor, NextHop<Settings, Buckets> next) {
    this(descriptor, descriptor.dialing().noise(), next);
  }

  /** As above, adding {@code n} per bucket instead of the descriptor's noise (a faulty mix). */
  DialingMixing(ClusterDescriptor descriptor, ClusterDescriptor.NoiseSettings n,
      NextHop<Settings, Buckets> next) {
    this.noise = new LaplaceNoise(n.mu(), n.b());
    this.maxBuckets = descriptor.dialing().maxBuckets();
    this.next = next;
  }

  @Override
  public RoundKind kind() {
    return RoundKind.DIALING;
  }

  @Override
  public int signedBucketCount(Settings settings) {
    return settings.buckets();
  }

  @Override
  public Optional<String> invalid(Settings settings) {
    if (settings.buckets() < 1 || settings.buckets() > maxBuckets) {
      return Optional.of("a dialing round has 1 to " + maxBuckets + " buckets here, not "
          + settings.buckets());
    }
    return Optional.empty();
  }

  @Override
  public boolean bidirectional() {
    return false;
  }

  /**
   * One Laplace draw per bucket and one for the no-op bucket (docs/protocol.md §14.6): noise goes
   * to every count the last mix can see.
   */
  @Override
  public NoisePayloads drawNoise(Settings settings, SecureRandom random) {
    long[] counts = new long[settings.buckets()];
    for (int b = 0; b < counts.length; b++) {
      counts[b] = noise.sampleCount(random);
    }
    return payloads(counts, noise.sampleCount(random));
  }

  /**
   * {@code counts[b]} noise requests to each bucket b and {@code noOps} to the no-op bucket, each
   * with a random invitation.
   */
  static NoisePayloads payloads(long[] counts, long noOps) {
    long total = noOps;
    for (long n : counts) {
      total += n;
    }
    long[] bucketOf = new long[Math.toIntExact(total)];
    int k = 0;
    for (int b = 0; b < counts.length; b++) {
      for (long j = 0; j < counts[b]; j++) {
        bucketOf[k++] = b;
      }
    }
    while (k < bucketOf.length) {
      bucketOf[k++] = DialingRequest.NO_OP_BUCKET;
    }
    return new NoisePayloads() {
      @Override
      public int count() {
        return bucketOf.length;
      }

      @Override
      public byte[] payload(int j, SecureRandom r) {
        byte[] invitation = new byte[WireSizes.INVITATION];
        r.nextBytes(invitation);
        return new DialingRequest(bucketOf[j], invitation).encode();
      }

      @Override
      public long[] draws() {
        long[] all = java.util.Arrays.copyOf(counts, counts.length + 1);
        all[counts.length] = noOps;
        return all;
      }
    };
  }

  @Override
  public CompletableFuture<Buckets> forward(Batch shuffled, Settings settings) {
    return next.forward(shuffled, settings);
  }

  @Override
  public Buckets answer(long round, Buckets downstream, ReplyPath none) {
    return downstream;
  }
}
