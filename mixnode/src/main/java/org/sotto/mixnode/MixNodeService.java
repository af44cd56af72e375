package org.sotto.mixnode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MixNode gRPC service: a fresh signed X25519 key per round, the batch (peel, noise, shuffle,
 * forward, reverse), and erasure of the round's keys when it ends. A round that is never closed is
 * erased anyway after {@link #ROUND_LIFETIME}.
 *
 * <p>A round's noise is made ahead, while its window collects, but only when this mix has no batch
 * in hand and no earlier round still open: with pipelined rounds the next round opens as the
 * previous one starts mixing, and its noise must not slow that one down (on a machine shared by
 * several servers, not even while the earlier round is still upstream). It starts once the earlier
 * round has been answered or closed here, and a batch whose noise was never started makes it
 * inline.
 */
final class MixNodeService extends MixNodeGrpc.MixNodeImplBase {
  private static final Logger log = LoggerFactory.getLogger(MixNodeService.class);
  static final Duration ROUND_LIFETIME = Duration.ofMinutes(2);

  private final ClusterDescriptor descriptor;
  private final int position;
  private final byte[] signingKey;
  private final X25519 x25519;
  private final NextHop nextHop;
  private final MixCounters counters;
  private final ForkJoinPool pool;
  private final int maxBatch;
  private final LaplaceNoise noise;
  private final SecureRandom random = new SecureRandom();
  private final Cache<Long, OpenRound> rounds;
  /** Makes noise ahead of rounds, one request at a time (see MixRound#prepareNoiseAhead). */
  private final java.util.concurrent.ExecutorService noiseAhead;
  /** Batches between arrival and their replies' departure here; noise is made when it is 0. */
  private final AtomicInteger mixing = new AtomicInteger();

  /** A round between OpenRound and its end: the mix state and what was announced. */
  private record OpenRound(MixRound mix, RoundKeyAnnouncement announcement,
      List<byte[]> downstreamKeys) {}

  MixNodeService(ClusterDescriptor descriptor, int position, byte[] signingKey, X25519 x25519,
      NextHop nextHop, MixCounters counters, ForkJoinPool pool, int maxBatch) {
    this.descriptor = descriptor;
    this.position = position;
    this.signingKey = signingKey;
    this.x25519 = x25519;
    this.nextHop = nextHop;
    this.counters = counters;
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.noise = new LaplaceNoise(descriptor.noise().mu(), descriptor.noise().b());
    // One thread, gone after 30 s idle, so a stopped mix leaves nothing behind.
    this.noiseAhead = new java.util.concurrent.ThreadPoolExecutor(0, 1, 30,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "mix-" + position + "-noise-ahead");
          t.setDaemon(true);
          return t;
        });
    this.rounds = Caffeine.newBuilder()
        .expireAfterWrite(ROUND_LIFETIME)
        // Only evictions erase here: an explicit removal hands the round to mix() or
        // closeRound(), which erase it themselves once they are done with it.
        .<Long, OpenRound>evictionListener((round, open, cause) -> {
          if (open != null) {
            open.mix().destroy();
            counters.closedUnmixed();
          }
          prepareNoiseIfIdle();
        })
        .build();
  }

  @Override
  public void openRound(OpenRoundRequest request, StreamObserver<RoundKeyAnnouncement> response) {
    long round = request.getRound();
    OpenRound existing = rounds.getIfPresent(round);
    if (existing != null) {
      response.onNext(existing.announcement());
      response.onCompleted();
      return;
    }
    List<byte[]> downstream;
    try {
      downstream = DownstreamKeys.verified(descriptor, position, RoundKind.CONVERSATION, round,
          request.getDownstreamKeysList());
    } catch (RejectedInputException e) {
      response.onError(Status.INVALID_ARGUMENT
          .withDescription("downstream round keys rejected: " + e.getMessage())
          .asRuntimeException());
      return;
    }
    X25519KeyPair key = X25519KeyPair.generate(x25519, random);
    RoundKeyAnnouncement announcement = RoundKeyAnnouncement.newBuilder()
        .setRound(round).setPosition(position)
        .setRoundPublicKey(ByteString.copyFrom(key.publicKey()))
        .setSignature(ByteString.copyFrom(
            RoundKeySignature.sign(signingKey, round, position, key.publicKey())))
        .build();
    MixRound mix = new MixRound(round, position, descriptor.chainLength(), x25519, key, counters,
        pool);
    OpenRound open = new OpenRound(mix, announcement, downstream);
    rounds.put(round, open);
    response.onNext(announcement);
    response.onCompleted();
    prepareNoiseIfIdle();
  }

  /** Makes the round's noise now, on every core, unless it was started already. */
  private void prepareNoise(OpenRound open) {
    if (!open.mix().noiseStarted()) {
      open.mix().prepareNoise(open.downstreamKeys(), NoiseCounts.sample(noise, random));
    }
  }

  private void prepareNoiseAhead(OpenRound open) {
    if (!open.mix().noiseStarted()) {
      open.mix().prepareNoiseAhead(open.downstreamKeys(), NoiseCounts.sample(noise, random),
          noiseAhead);
    }
  }

  /** With no batch in hand, starts the noise of the earliest open round, if not started yet. */
  private void prepareNoiseIfIdle() {
    if (mixing.get() != 0) {
      return;
    }
    rounds.asMap().entrySet().stream().min(java.util.Map.Entry.comparingByKey())
        .ifPresent(e -> prepareNoiseAhead(e.getValue()));
  }

  @Override
  public StreamObserver<BatchChunk> mixBatch(StreamObserver<BatchChunk> responses) {
    int onionSize = org.sotto.core.wire.WireSizes.onionSize(descriptor.chainLength() - position);
    return BatchStreams.serve(responses, onionSize, maxBatch, new EarlyPeel(), this::mix);
  }

  /** Starts peeling a batch's chunks as they stream in, if its round is open here. */
  private final class EarlyPeel implements BatchStreams.ChunkListener {
    private MixRound mix;

    @Override
    public void onHeader(long round, int count) {
      OpenRound open = rounds.getIfPresent(round);
      if (open != null) {
        mix = open.mix();
        mix.beginPeel(count);
      }
    }

    @Override
    public void onItems(byte[][] items, int first, int n) {
      if (mix != null) {
        mix.peelArrived(items, first, n);
      }
    }
  }

  private CompletableFuture<Batch> mix(Batch batch) {
    OpenRound open = rounds.asMap().remove(batch.round());
    if (open == null) {
      return CompletableFuture.failedFuture(Status.FAILED_PRECONDITION.withDescription(
          "round " + batch.round() + " is not open at mix " + position
              + " (never opened, already mixed, closed or expired)").asRuntimeException());
    }
    MixRound mix = open.mix();
    mixing.incrementAndGet();
    CompletableFuture<Batch> result;
    try {
      prepareNoise(open);
      byte[][] outgoing = mix.forward(batch.items());
      long sent = System.nanoTime();
      result = nextHop.forward(new Batch(batch.round(), mix.outgoingItemSize(), outgoing))
          .whenComplete((r, e) -> counters.timed(MixCounters.Phase.DOWNSTREAM,
              System.nanoTime() - sent))
          .thenApplyAsync(replies -> new Batch(batch.round(),
              org.sotto.core.wire.WireSizes.replySize(descriptor.chainLength() - position),
              mix.reverse(replies)), pool);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((ok, error) -> {
      mix.destroy();
      mixing.decrementAndGet();
      prepareNoiseIfIdle();
      if (error != null) {
        log.warn("round {} failed at mix {}: {}", batch.round(), position, error.toString());
      }
    });
  }

  @Override
  public void closeRound(CloseRoundRequest request, StreamObserver<CloseRoundResponse> response) {
    OpenRound open = rounds.asMap().remove(request.getRound());
    if (open != null) {
      open.mix().destroy();
      counters.closedUnmixed();
      prepareNoiseIfIdle();
    }
    response.onNext(CloseRoundResponse.getDefaultInstance());
    response.onCompleted();
  }
}
