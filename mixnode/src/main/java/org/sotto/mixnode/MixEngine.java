package org.sotto.mixnode;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.round.Shuffle;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundKeyAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mix node's round engine, one per kind of round, in the shape of Vuvuzela's
 * {@code mixnet.Server}: what every kind shares lives here, what differs comes from its
 * {@link RoundKindService}. For each round (Vuvuzela §4, Algorithm 2; docs/protocol.md §6):
 *
 * <ol>
 *   <li>open: a fresh X25519 key, signed under the kind's label, once per round; the downstream
 *       keys the noise is wrapped for must carry the descriptor's signatures. A round closed here
 *       is never opened again, so an old onion can never be peeled twice.
 *   <li>noise: drawn by the kind, wrapped here for the rest of the chain, made ahead while the
 *       window collects ({@link NoiseAhead}) or by the batch when it comes first
 *       ({@link RoundNoise}).
 *   <li>mix, at most once per round: drop within-round duplicates and peel every onion
 *       ({@link BatchPeeler}, chunk by chunk while the batch streams in), add the noise, shuffle
 *       with a fresh SecureRandom permutation, and hand the batch to the kind's next hop;
 *   <li>reverse (two-way kinds): un-shuffle and seal each reply ({@link ReplyPath});
 *   <li>end: the private key is erased when the round leaves the {@link RoundTable}, whatever the
 *       cause (mixed, closed, expired); the reply keys when its answer has gone.
 * </ol>
 *
 * Failures are {@link StatusRuntimeException}s with the status the RPC answers.
 */
final class MixEngine<S, R, A> {
  private static final Logger log = LoggerFactory.getLogger(MixEngine.class);
  /** Rounds of one kind open at once; pipelining needs two, a slow chain a few more. */
  static final int MAX_OPEN_ROUNDS = 8;

  private final MixContext mix;
  private final RoundKindService<S, R, A> kind;
  private final BatchCounters counters;
  private final RoundTable<S> rounds;
  private final MixObservers observers;
  private final AtomicLong newestClosed = new AtomicLong(-1);
  private final SecureRandom random = new SecureRandom();
  /** Layers the onions this mix receives still have, this mix's included. */
  private final int layersLeft;

  MixEngine(MixContext mix, RoundKindService<S, R, A> kind, BatchCounters counters,
      RoundTable.Timing timing) {
    this(mix, kind, counters, timing, new MixObservers());
  }

  /** As above, telling {@code observers} of every round mixed. */
  MixEngine(MixContext mix, RoundKindService<S, R, A> kind, BatchCounters counters,
      RoundTable.Timing timing, MixObservers observers) {
    this.mix = mix;
    this.observers = observers;
    this.kind = kind;
    this.counters = counters;
    this.layersLeft = mix.descriptor().chainLength() - mix.position();
    this.rounds = new RoundTable<>(timing, this::ended);
    mix.noiseAhead().register(this::startEarliestNoise);
  }

  /** Size of the onions this mix receives for a round of this kind. */
  int incomingItemSize() {
    return kind.kind().onionSize(layersLeft);
  }

  /** Size of the items this mix sends on: onions for the next mix, or payloads at the end. */
  int outgoingItemSize() {
    return kind.kind().onionSize(layersLeft - 1);
  }

  /**
   * Opens {@code round}, or answers the same announcement again if it is open with the same
   * settings (so a lost answer can be retried). Atomic: two calls for one round make one key.
   */
  synchronized RoundKeyAnnouncement open(long round, S settings, List<MixRoundKey> downstream) {
    kind.invalid(settings).ifPresent(problem -> {
      throw Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException();
    });
    if (round <= newestClosed.get()) {
      throw Status.FAILED_PRECONDITION.withDescription(name(round)
          + " is not newer than the newest closed one (" + newestClosed.get()
          + "); its key is gone for good").asRuntimeException();
    }
    MixRound<S> existing = rounds.get(round);
    if (existing != null) {
      if (!Objects.equals(existing.settings(), settings)) {
        throw Status.FAILED_PRECONDITION.withDescription(name(round) + " is open with "
            + existing.settings() + ", not " + settings).asRuntimeException();
      }
      return existing.announcement();
    }
    if (rounds.size() >= MAX_OPEN_ROUNDS) {
      throw Status.RESOURCE_EXHAUSTED.withDescription(MAX_OPEN_ROUNDS + " "
          + kind.roundName() + "s are open here already; close some first")
          .asRuntimeException();
    }
    RoundTerms terms = new RoundTerms(kind.kind(), mix.clusterId(), round,
        kind.signedBucketCount(settings));
    List<byte[]> downstreamKeys;
    try {
      downstreamKeys = DownstreamKeys.verified(mix.descriptor(), mix.position(), terms,
          downstream);
    } catch (RejectedInputException e) {
      throw Status.INVALID_ARGUMENT.withDescription("downstream " + kind.roundName()
          + " keys rejected: " + e.getMessage()).asRuntimeException();
    }
    X25519KeyPair key = X25519KeyPair.generate(mix.x25519(), random);
    RoundKeyAnnouncement announcement = RoundKeyAnnouncement.newBuilder()
        .setRound(round).setPosition(mix.position())
        .setRoundPublicKey(ByteString.copyFrom(key.publicKey()))
        .setSignature(ByteString.copyFrom(RoundKeySignature.sign(terms, mix.signingKey(),
            mix.position(), key.publicKey())))
        .build();
    rounds.asMap().put(round, new MixRound<>(round, settings, key, announcement, downstreamKeys));
    mix.noiseAhead().poke();
    return announcement;
  }

  /**
   * Ends {@code round} here without mixing it, if it is still open, and refuses to open it or any
   * earlier round again. {@code reason} (empty after success) goes to the log.
   */
  synchronized void close(long round, String reason) {
    newestClosed.accumulateAndGet(round, Math::max);
    MixRound<S> open = rounds.asMap().remove(round);
    if (open != null && !reason.isEmpty()) {
      log.info("{} closed unmixed: {}", name(round), reason);
    }
  }

  /** Starts peeling a batch's chunks as they stream in, if its round is open here. */
  BatchStreams.ChunkListener earlyPeel() {
    return new BatchStreams.ChunkListener() {
      private MixRound<S> round;

      @Override
      public void onHeader(long number, int count) {
        round = rounds.get(number);
        if (round != null && count >= 0) {
          round.beginPeel(new BatchPeeler(peeler(round), mix.pool(), counters, count));
        }
      }

      @Override
      public void onItems(byte[][] items, int first, int n) {
        if (round != null) {
          round.peelArrived(items, first, n);
        }
      }
    };
  }

  /** Mixes the round's batch and completes with this mix's answer upstream. */
  CompletableFuture<A> mix(Batch batch) {
    MixRound<S> round = rounds.get(batch.round());
    if (round == null || !round.claim()) {
      return CompletableFuture.failedFuture(Status.FAILED_PRECONDITION.withDescription(
          name(batch.round()) + " is not open at mix " + mix.position()
              + " (never opened, already mixed, closed or expired)").asRuntimeException());
    }
    mix.noiseAhead().batchStarted();
    Shuffled shuffled;
    try {
      shuffled = peelAndShuffle(round, batch.items());
    } catch (RuntimeException e) {
      return finished(round, null, CompletableFuture.failedFuture(e));
    }
    long sent = System.nanoTime();
    CompletableFuture<R> downstream;
    try {
      downstream = kind.forward(shuffled.batch(), round.settings());
    } catch (RuntimeException e) {
      downstream = CompletableFuture.failedFuture(e);
    }
    return finished(round, shuffled.replies(), downstream
        .whenComplete((r, e) -> counters.timed(BatchCounters.Phase.DOWNSTREAM,
            System.nanoTime() - sent))
        .thenApplyAsync(r -> kind.answer(round.round(), r, shuffled.replies()), mix.pool())
        .thenApply(answer -> {
          counters.mixed();
          return answer;
        }));
  }

  /** Once the answer has gone (or the batch failed): erase what is left of the round. */
  private CompletableFuture<A> finished(MixRound<S> round, ReplyPath replies,
      CompletableFuture<A> answer) {
    return answer.whenComplete((ok, error) -> {
      if (replies != null) {
        replies.destroy();
      }
      if (!round.handedOn()) {
        rounds.asMap().remove(round.round(), round);
      }
      mix.noiseAhead().batchFinished();
      if (error != null) {
        log.warn("{} failed at mix {}: {}", name(round.round()), mix.position(),
            error.toString());
      }
    });
  }

  /** A batch ready for the next hop, and for two-way kinds the way back; null for one-way. */
  private record Shuffled(Batch batch, ReplyPath replies) {}

  /** Peels, hands the round on (which erases its key), adds the noise and shuffles. */
  private Shuffled peelAndShuffle(MixRound<S> round, byte[][] onions) {
    RoundNoise noise = noise(round, drawn -> { });
    if (noise == null) { // the round was erased between its claim and here
      throw closedWhileMixing(round);
    }
    counters.received(onions.length);
    if (!noise.items().isDone()) {
      counters.noiseLate(noiseX25519(noise.count(), round));
      // Not begun, or only queued behind other rounds' noise: made here, on every core, while
      // the peel runs. If the noise-ahead thread has begun it, this does nothing.
      CompletableFuture.runAsync(
          () -> noise.makeUnlessBegun(payloads -> makeNoise(round, payloads, true)), mix.pool());
    }
    BatchPeeler peeler = round.takeEarlyPeel(onions);
    if (peeler == null) {
      peeler = new BatchPeeler(peeler(round), mix.pool(), counters, onions.length);
      peeler.arrived(onions, 0, onions.length);
    }
    PeeledLayer[] peeled = peeler.finish();
    round.handOn();
    if (!rounds.asMap().remove(round.round(), round)) { // closed or expired while peeling
      destroyReplyKeys(peeled);
      throw closedWhileMixing(round);
    }
    long peelDone = System.nanoTime();
    counters.timed(BatchCounters.Phase.PEEL, peelDone - peeler.startNanos());

    int kept = 0;
    for (PeeledLayer p : peeled) {
      kept += p == null ? 0 : 1;
    }
    byte[][] noiseItems = noise.items().join();
    byte[][] outgoing = new byte[kept + noiseItems.length][];
    int[] keptSource = new int[kept];
    ReplyKey[] replyKeys = new ReplyKey[onions.length];
    int k = 0;
    for (int i = 0; i < peeled.length; i++) {
      if (peeled[i] != null) {
        keptSource[k] = i;
        outgoing[k++] = peeled[i].inner();
        if (kind.bidirectional()) {
          replyKeys[i] = peeled[i].replyKey();
        } else {
          peeled[i].replyKey().destroy();
        }
      }
    }
    System.arraycopy(noiseItems, 0, outgoing, kept, noiseItems.length);
    counters.noise(noiseItems.length);
    counters.timed(BatchCounters.Phase.NOISE, System.nanoTime() - peelDone);

    Shuffle shuffle = Shuffle.random(outgoing.length, Randoms.buffered(Randoms.perThread()));
    byte[][] shuffled = new byte[outgoing.length][];
    shuffle.apply(outgoing, shuffled);
    if (!observers.isEmpty()) {
      observers.mixed(kind.kind(), round.round(), noise.draws(), kept, shuffle);
    }
    ReplyPath replies = kind.bidirectional() ? new ReplyPath(shuffle, keptSource, replyKeys,
        WireSizes.replySize(layersLeft - 1), WireSizes.replySize(layersLeft), mix.pool(),
        counters) : null;
    return new Shuffled(new Batch(round.round(), outgoingItemSize(), shuffled), replies);
  }

  private StatusRuntimeException closedWhileMixing(MixRound<S> round) {
    return Status.FAILED_PRECONDITION.withDescription(name(round.round())
        + " was closed or expired at mix " + mix.position() + " while its batch was peeled")
        .asRuntimeException();
  }

  private static void destroyReplyKeys(PeeledLayer[] peeled) {
    for (PeeledLayer p : peeled) {
      if (p != null) {
        p.replyKey().destroy();
      }
    }
  }

  /** The table's listener: the round is gone and its key erased. */
  private void ended(MixRound<S> round) {
    if (!round.handedOn()) {
      counters.closedUnmixed();
    }
    mix.noiseAhead().poke();
  }

  /** With no batch in hand, starts the noise of the earliest open round, if not started yet. */
  private void startEarliestNoise() {
    rounds.asMap().entrySet().stream()
        .filter(e -> !e.getValue().claimed())
        .min(Map.Entry.comparingByKey())
        .filter(e -> !e.getValue().noiseDrawn())
        .ifPresent(e -> startNoiseAhead(e.getValue()));
  }

  /** The round's noise, drawn now if it was not yet; null once the round is over. */
  private RoundNoise noise(MixRound<S> round, java.util.function.Consumer<RoundNoise> drawn) {
    return round.noise(() -> new RoundNoise(kind.drawNoise(round.settings(), random)), drawn);
  }

  /**
   * Queues the round's noise on the noise-ahead thread, which makes it one request at a time,
   * leaving the other cores to whatever else is still running.
   */
  private void startNoiseAhead(MixRound<S> round) {
    noise(round, noise -> mix.noiseAhead().executor().execute(
        () -> noise.makeUnlessBegun(payloads -> makeNoise(round, payloads, false))));
  }

  /** The kind's noise payloads, each wrapped for the rest of the chain like a client's onion. */
  private byte[][] makeNoise(MixRound<S> round, RoundKindService.NoisePayloads payloads,
      boolean parallel) {
    long start = System.nanoTime();
    int count = payloads.count();
    byte[][] out = new byte[count][];
    List<byte[]> downstream = round.downstreamKeys();
    OnionWrapper wrapper = new OnionWrapper(mix.x25519(), kind.kind());
    IntConsumer make = j -> {
      SecureRandom r = Randoms.perThread();
      byte[] payload = payloads.payload(j, r);
      out[j] = downstream.isEmpty() ? payload : wrap(wrapper, round, payload, r);
    };
    if (parallel) {
      mix.pool().submit(() -> IntStream.range(0, count).parallel().forEach(make)).join();
    } else {
      IntStream.range(0, count).forEach(make);
    }
    counters.noiseMade(noiseX25519(count, round), System.nanoTime() - start);
    return out;
  }

  private byte[] wrap(OnionWrapper wrapper, MixRound<S> round, byte[] payload, SecureRandom r) {
    try {
      return wrapper.wrap(round.round(), round.downstreamKeys(), payload, r).onion();
    } catch (RejectedInputException e) {
      // Downstream keys were verified against the descriptor before the round opened.
      throw new IllegalStateException("a downstream round key is invalid", e);
    }
  }

  /** A noise item wrapped for {@code layers} mixes costs a key pair and an agreement each. */
  private static long noiseX25519(long items, MixRound<?> round) {
    return items * 2 * round.downstreamKeys().size();
  }

  private OnionPeeler peeler(MixRound<S> round) {
    return new OnionPeeler(mix.x25519(), kind.kind(), round.round(), round.key(), layersLeft);
  }

  private String name(long round) {
    return kind.roundName() + " " + Long.toUnsignedString(round); // u64 on the wire
  }

  /** Runs pending expiries now (the table's scheduler does this by itself). */
  void cleanUp() {
    rounds.cleanUp();
  }

  /** The table, for tests of key erasure. */
  RoundTable<S> rounds() {
    return rounds;
  }
}
