package org.sotto.mixnode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseDialingRoundResponse;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MixDialing gRPC service (dialing.proto): a fresh dialing key per dialing round, signed under
 * the dialing label; the round's batch (peel, noise in every bucket, shuffle, and at the last mix
 * the sort into buckets); erasure of the key when the round closes. A dialing round that is never
 * closed is erased after {@link MixNodeService#ROUND_LIFETIME}, and a closed one is never opened
 * again, so an old dialing onion can never be peeled twice.
 */
final class MixDialingService extends MixDialingGrpc.MixDialingImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MixDialingService.class);
  /** Dialing rounds open at once; pipelining needs two, a slow chain a few more. */
  static final int MAX_OPEN_ROUNDS = 8;

  private final ClusterDescriptor descriptor;
  private final int position;
  private final byte[] signingKey;
  private final X25519 x25519;
  private final Optional<NextDialingMix> next;
  private final DialingCounters counters;
  private final ForkJoinPool pool;
  private final int maxBatch;
  private final LaplaceNoise noise;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong newestClosed = new AtomicLong(-1);
  private final Cache<Long, OpenDialingRound> rounds;

  /** A dialing round between OpenDialingRound and its end. */
  private record OpenDialingRound(DialingMixRound mix, RoundKeyAnnouncement announcement,
      List<byte[]> downstreamKeys) {}

  /**
   * @param next the next mix's dialing service, empty at the last mix
   */
  MixDialingService(ClusterDescriptor descriptor, int position, byte[] signingKey, X25519 x25519,
      Optional<NextDialingMix> next, DialingCounters counters, ForkJoinPool pool, int maxBatch) {
    this.descriptor = descriptor;
    this.position = position;
    this.signingKey = signingKey;
    this.x25519 = x25519;
    this.next = next;
    this.counters = counters;
    this.pool = pool;
    this.maxBatch = maxBatch;
    ClusterDescriptor.NoiseSettings n = descriptor.dialing().noise();
    this.noise = new LaplaceNoise(n.mu(), n.b());
    this.rounds = Caffeine.newBuilder()
        .expireAfterWrite(MixNodeService.ROUND_LIFETIME)
        // Only evictions erase here; an explicit removal hands the round to whoever removed it.
        .<Long, OpenDialingRound>evictionListener((round, open, cause) -> {
          if (open != null) {
            open.mix().destroy();
            counters.closedUnmixed();
          }
        })
        .build();
  }

  @Override
  public void openDialingRound(OpenDialingRoundRequest request,
      StreamObserver<RoundKeyAnnouncement> response) {
    long round = request.getDialingRound();
    int buckets = request.getBucketCount();
    synchronized (this) {
      Status refusal = refusal(round, buckets);
      if (refusal != null) {
        response.onError(refusal.asRuntimeException());
        return;
      }
      OpenDialingRound existing = rounds.getIfPresent(round);
      if (existing == null) {
        List<byte[]> downstream;
        try {
          downstream = DownstreamKeys.verified(descriptor, position, RoundKind.DIALING, round,
              request.getDownstreamKeysList());
        } catch (RejectedInputException e) {
          response.onError(Status.INVALID_ARGUMENT
              .withDescription("downstream dialing keys rejected: " + e.getMessage())
              .asRuntimeException());
          return;
        }
        existing = open(round, buckets, downstream);
      }
      response.onNext(existing.announcement());
    }
    response.onCompleted();
  }

  /** Why OpenDialingRound is refused, or null. */
  private Status refusal(long round, int buckets) {
    int max = descriptor.dialing().maxBuckets();
    if (buckets < 1 || buckets > max) {
      return Status.INVALID_ARGUMENT.withDescription(
          "a dialing round has 1 to " + max + " buckets here, not " + buckets);
    }
    if (round <= newestClosed.get()) {
      return Status.FAILED_PRECONDITION.withDescription("dialing round " + round
          + " is not newer than the newest closed one (" + newestClosed.get()
          + "); its key is gone for good");
    }
    OpenDialingRound existing = rounds.getIfPresent(round);
    if (existing != null && existing.mix().bucketCount() != buckets) {
      return Status.FAILED_PRECONDITION.withDescription("dialing round " + round
          + " is open with " + existing.mix().bucketCount() + " buckets, not " + buckets);
    }
    if (existing == null && rounds.estimatedSize() >= MAX_OPEN_ROUNDS) {
      return Status.RESOURCE_EXHAUSTED.withDescription(MAX_OPEN_ROUNDS
          + " dialing rounds are open here already; close some first");
    }
    return null;
  }

  private OpenDialingRound open(long round, int buckets, List<byte[]> downstream) {
    X25519KeyPair key = X25519KeyPair.generate(x25519, random);
    RoundKeyAnnouncement announcement = RoundKeyAnnouncement.newBuilder()
        .setRound(round).setPosition(position)
        .setRoundPublicKey(ByteString.copyFrom(key.publicKey()))
        .setSignature(ByteString.copyFrom(RoundKeySignature.sign(RoundKind.DIALING, signingKey,
            round, position, key.publicKey())))
        .build();
    DialingMixRound mix = new DialingMixRound(round, position, descriptor.chainLength(), buckets,
        x25519, key, counters, pool);
    OpenDialingRound open = new OpenDialingRound(mix, announcement, downstream);
    rounds.put(round, open);
    return open;
  }

  @Override
  public StreamObserver<BatchChunk> mixDialingBatch(StreamObserver<BucketChunk> responses) {
    int onionSize = org.sotto.core.wire.WireSizes.dialingOnionSize(
        descriptor.chainLength() - position);
    return BucketStreams.serve(responses, onionSize, maxBatch, this::mix);
  }

  private CompletableFuture<Buckets> mix(Batch batch) {
    OpenDialingRound open = rounds.asMap().remove(batch.round());
    if (open == null) {
      return CompletableFuture.failedFuture(Status.FAILED_PRECONDITION.withDescription(
          "dialing round " + batch.round() + " is not open at mix " + position
              + " (never opened, already mixed, closed or expired)").asRuntimeException());
    }
    DialingMixRound mix = open.mix();
    CompletableFuture<Buckets> result;
    try {
      long[] noiseCounts = sampleNoise(mix.bucketCount());
      if (next.isEmpty()) {
        result = CompletableFuture.completedFuture(mix.sort(batch.items(), noiseCounts));
      } else {
        byte[][] outgoing = mix.forward(batch.items(), open.downstreamKeys(), noiseCounts);
        result = next.get().forward(new Batch(batch.round(), mix.outgoingOnionSize(), outgoing),
            mix.bucketCount());
      }
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((ok, error) -> {
      mix.destroy();
      if (error != null) {
        log.warn("dialing round {} failed at mix {}: {}", batch.round(), position,
            error.toString());
      }
    });
  }

  /** One Laplace draw per bucket (DESIGN.md, "Noise"): noise goes to every bucket. */
  private long[] sampleNoise(int buckets) {
    long[] counts = new long[buckets];
    for (int b = 0; b < buckets; b++) {
      counts[b] = noise.sampleCount(random);
    }
    return counts;
  }

  @Override
  public void closeDialingRound(CloseDialingRoundRequest request,
      StreamObserver<CloseDialingRoundResponse> response) {
    long round = request.getDialingRound();
    newestClosed.accumulateAndGet(round, Math::max);
    OpenDialingRound open = rounds.asMap().remove(round);
    if (open != null) {
      open.mix().destroy();
      counters.closedUnmixed();
      if (!request.getReason().isEmpty()) {
        log.info("dialing round {} closed unmixed: {}", round, request.getReason());
      }
    }
    response.onNext(CloseDialingRoundResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void close() {
    next.ifPresent(NextDialingMix::close);
  }
}
