package org.sotto.mixnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sotto.mixnode.TestChain.refusal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * The round engine's states, on injected time (a fake ticker and a scheduler run by hand, no
 * sleeps): open, mix once, late batch, abort, expiry on an idle mix, re-open, the open-round limit,
 * noise made ahead, and the erasure of the round key on every way out of the table.
 */
class MixEngineTest {
  private static final long ROUND = 1_000;
  private final TestChain chain = new TestChain(1, 2);
  private final SecureRandom random = new SecureRandom();
  private final MixCounters counters = new MixCounters();
  /** The dead drops, played by the test: every request gets an all-zero answer. */
  private final List<Batch> forwarded = new ArrayList<>();
  private final MixEngine<Void, byte[][], Batch> engine = chain.conversation(0, (batch, none) -> {
    forwarded.add(batch);
    return CompletableFuture.completedFuture(
        new byte[batch.items().length][WireSizes.EXCHANGE_REPLY]);
  }, counters);

  @AfterEach
  void stop() {
    chain.close();
  }

  @Test
  void openingSignsAFreshKeyAndAnsweringAgainGivesTheSameOne() throws Exception {
    RoundKeyAnnouncement first = engine.open(ROUND, null, List.of());
    RoundKeySignature.verify(RoundTerms.conversation(chain.descriptor.clusterId(), ROUND),
        chain.descriptor.mixes().get(0).signingKeyBytes(), 0,
        first.getRoundPublicKey().toByteArray(), first.getSignature().toByteArray());
    assertThat(engine.open(ROUND, null, List.of())).isEqualTo(first);
    assertThat(engine.open(ROUND + 1, null, List.of()).getRoundPublicKey())
        .isNotEqualTo(first.getRoundPublicKey());
  }

  @Test
  void twoThreadsOpeningOneRoundAtOnceGetOneKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (long round = ROUND; round < ROUND + 20; round++) {
        long r = round;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<RoundKeyAnnouncement>> answers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          answers.add(threads.submit(() -> {
            start.await();
            return engine.open(r, null, List.of());
          }));
        }
        assertThat(answers.get(0).get()).isEqualTo(answers.get(1).get());
        engine.close(r, "");
      }
      assertThat(counters.roundsClosedUnmixed()).as("one key made, and erased, per round")
          .isEqualTo(20);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aRoundIsMixedOnceAndItsKeyIsErasedOnceItsBatchIsPeeled() throws Exception {
    RoundKeyAnnouncement key = engine.open(ROUND, null, List.of());
    X25519KeyPair roundKey = engine.rounds().get(ROUND).key();
    Batch answer = engine.mix(new Batch(ROUND, engine.incomingItemSize(),
        new byte[][] {onion(key)})).join();
    assertThat(answer.items().length).isEqualTo(1);
    assertThat(forwarded.get(0).items().length).as("one onion and 2 singles + 2 doubles of noise")
        .isEqualTo(1 + 4);
    assertThat(roundKey.privateKey()).isEqualTo(new byte[32]);
    assertThat(counters.roundsMixed()).isEqualTo(1);
    assertThat(counters.roundsClosedUnmixed()).isZero();

    assertThat(refusal(engine.mix(new Batch(ROUND, engine.incomingItemSize(),
        new byte[][] {onion(key)})))).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(forwarded).as("mixing the same inputs again would average the noise away")
        .hasSize(1);
  }

  @Test
  void aBatchForARoundNeverOpenedIsRefused() {
    assertThat(refusal(engine.mix(new Batch(ROUND, engine.incomingItemSize(), new byte[0][]))))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void aBatchArrivingAfterTheRoundsLifetimeIsRefusedAndTheKeyIsGone() throws Exception {
    RoundKeyAnnouncement key = engine.open(ROUND, null, List.of());
    X25519KeyPair roundKey = engine.rounds().get(ROUND).key();
    chain.ticker.advance(TestChain.LIFETIME.plusSeconds(1));
    assertThat(refusal(engine.mix(new Batch(ROUND, engine.incomingItemSize(),
        new byte[][] {onion(key)})))).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(roundKey.privateKey()).isEqualTo(new byte[32]);
    assertThat(counters.roundsClosedUnmixed()).isEqualTo(1);
    assertThat(forwarded).isEmpty();
  }

  @Test
  void aBatchJustInsideTheLifetimeIsMixed() throws Exception {
    RoundKeyAnnouncement key = engine.open(ROUND, null, List.of());
    chain.ticker.advance(TestChain.LIFETIME.minusSeconds(1));
    assertThat(engine.mix(new Batch(ROUND, engine.incomingItemSize(),
        new byte[][] {onion(key)})).join().items().length).isEqualTo(1);
  }

  @Test
  void aNeverClosedRoundsKeyIsErasedAfterItsLifetimeOnAnIdleMix() {
    engine.open(ROUND, null, List.of());
    X25519KeyPair roundKey = engine.rounds().get(ROUND).key();
    assertThat(chain.scheduler.delaysNanos()).as("the table asked to be woken for the expiry")
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(
            TestChain.LIFETIME.plusSeconds(2).toNanos()));

    chain.ticker.advance(TestChain.LIFETIME.plusSeconds(1));
    assertThat(roundKey.privateKey()).as("nothing happens before the wake-up")
        .isNotEqualTo(new byte[32]);
    chain.scheduler.runAll(); // the wake-up, with nobody using the mix
    assertThat(roundKey.privateKey()).isEqualTo(new byte[32]);
    assertThat(counters.roundsClosedUnmixed()).isEqualTo(1);
  }

  @Test
  void withoutTheWakeUpAnIdleTableWouldKeepTheKey() {
    // The property the scheduler exists for: the fake ticker alone removes nothing.
    engine.open(ROUND, null, List.of());
    X25519KeyPair roundKey = engine.rounds().get(ROUND).key();
    chain.ticker.advance(TestChain.LIFETIME.multipliedBy(10));
    assertThat(roundKey.privateKey()).isNotEqualTo(new byte[32]);
    engine.cleanUp();
    assertThat(roundKey.privateKey()).isEqualTo(new byte[32]);
  }

  @Test
  void aReplacedRoundsKeyIsDestroyed() {
    engine.open(ROUND, null, List.of());
    MixRound<Void> first = engine.rounds().get(ROUND);
    X25519KeyPair other = X25519KeyPair.generate(chain.x25519, random);
    engine.rounds().asMap().put(ROUND, new MixRound<>(ROUND, null, other,
        first.announcement(), List.of()));
    assertThat(first.key().privateKey()).isEqualTo(new byte[32]);
    assertThat(other.privateKey()).isNotEqualTo(new byte[32]);
  }

  @Test
  void anAbortedRoundIsErasedRefusesItsBatchAndIsNeverOpenedAgain() throws Exception {
    RoundKeyAnnouncement key = engine.open(ROUND, null, List.of());
    X25519KeyPair roundKey = engine.rounds().get(ROUND).key();
    engine.close(ROUND, "the coordinator gave up on it");
    assertThat(roundKey.privateKey()).isEqualTo(new byte[32]);
    assertThat(counters.roundsClosedUnmixed()).isEqualTo(1);
    assertThat(refusal(engine.mix(new Batch(ROUND, engine.incomingItemSize(),
        new byte[][] {onion(key)})))).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThatThrownBy(() -> engine.open(ROUND, null, List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    assertThatThrownBy(() -> engine.open(ROUND - 1, null, List.of()))
        .as("nor any earlier round").isInstanceOf(StatusRuntimeException.class);
    engine.close(ROUND, ""); // closing again is fine
    assertThat(engine.open(ROUND + 1, null, List.of()).getRound()).isEqualTo(ROUND + 1);
  }

  @Test
  void aRoundClosedWhileItsBatchIsDownstreamStillAnswers() throws Exception {
    CompletableFuture<byte[][]> downstream = new CompletableFuture<>();
    MixEngine<Void, byte[][], Batch> slow = chain.conversation(0, (batch, none) -> downstream);
    RoundKeyAnnouncement key = slow.open(ROUND, null, List.of());
    CompletableFuture<Batch> answer = slow.mix(new Batch(ROUND, slow.incomingItemSize(),
        new byte[][] {onion(key)}));
    slow.close(ROUND, "");
    downstream.complete(new byte[1 + 4][WireSizes.EXCHANGE_REPLY]);
    assertThat(answer.join().items().length).isEqualTo(1);
  }

  @Test
  void atMostEightRoundsAreOpenAtOnce() {
    for (int i = 0; i < MixEngine.MAX_OPEN_ROUNDS; i++) {
      engine.open(ROUND + i, null, List.of());
    }
    assertThatThrownBy(() -> engine.open(ROUND + 100, null, List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    engine.close(ROUND, "");
    assertThat(engine.open(ROUND + 100, null, List.of()).getRound()).isEqualTo(ROUND + 100);
  }

  @Test
  void noiseIsMadeAheadWhileTheMixIsIdleAndNotWhileABatchIsInHand() throws Exception {
    TestChain byHand = new TestChain(1, 2, true);
    CompletableFuture<byte[][]> downstream = new CompletableFuture<>();
    MixEngine<Void, byte[][], Batch> busy = byHand.conversation(0, (batch, none) -> downstream,
        counters);
    RoundKeyAnnouncement key = busy.open(ROUND, null, List.of());
    assertThat(byHand.noiseAheadTasks).as("noise for the open round, queued at once")
        .hasSize(1);
    byHand.runNoiseAhead();
    CompletableFuture<Batch> answer = busy.mix(new Batch(ROUND, busy.incomingItemSize(),
        new byte[][] {onion(key)}));
    assertThat(counters.noiseX25519Late()).isZero();

    busy.open(ROUND + 1, null, List.of());
    assertThat(byHand.noiseAheadTasks).as("a batch is in hand: the next round waits")
        .isEmpty();
    downstream.complete(new byte[1 + 4][WireSizes.EXCHANGE_REPLY]);
    answer.join();
    assertThat(byHand.noiseAheadTasks).as("its answer has gone: now the next round's noise")
        .hasSize(1);
    byHand.close();
  }

  @Test
  void aBatchDoesNotWaitForNoiseThatIsOnlyQueuedAhead() throws Exception {
    TestChain byHand = new TestChain(1, 2, true);
    try {
      List<Batch> sent = new ArrayList<>();
      MixEngine<Void, byte[][], Batch> mix = byHand.conversation(0, (batch, none) -> {
        sent.add(batch);
        return CompletableFuture.completedFuture(
            new byte[batch.items().length][WireSizes.EXCHANGE_REPLY]);
      });
      RoundKeyAnnouncement key = mix.open(ROUND, null, List.of());
      assertThat(byHand.noiseAheadTasks).as("queued, never run").hasSize(1);
      mix.mix(new Batch(ROUND, mix.incomingItemSize(), new byte[][] {onion(key)}))
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(sent.get(0).items().length).as("the batch made its noise itself")
          .isEqualTo(1 + 4);
      byHand.runNoiseAhead(); // the queued task finds the noise made and does nothing
    } finally {
      byHand.close();
    }
  }

  @Test
  void downstreamKeysMustBeSignedByTheMixesTheyClaimToBe() {
    TestChain two = new TestChain(2, 0);
    try {
      MixEngine<Void, byte[][], Batch> first = two.conversation(0, (b, s) -> null);
      MixEngine<Void, byte[][], Batch> second = two.conversation(1, (b, s) -> null);
      MixRoundKey genuine = TestChain.roundKey(second.open(ROUND, null, List.of()));
      assertThat(first.open(ROUND, null, List.of(genuine)).getPosition()).isZero();

      MixRoundKey forged = genuine.toBuilder().setRoundPublicKey(com.google.protobuf.ByteString
          .copyFrom(X25519KeyPair.generate(two.x25519, random).publicKey())).build();
      assertThatThrownBy(() -> first.open(ROUND + 1, null, List.of(forged)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      assertThatThrownBy(() -> first.open(ROUND + 2, null, List.of()))
          .as("a key missing").isInstanceOf(StatusRuntimeException.class);
    } finally {
      two.close();
    }
  }

  private byte[] onion(RoundKeyAnnouncement key) throws Exception {
    return new OnionWrapper(chain.x25519).wrap(key.getRound(),
        List.of(key.getRoundPublicKey().toByteArray()), new byte[WireSizes.EXCHANGE_REQUEST],
        random).onion();
  }
}
