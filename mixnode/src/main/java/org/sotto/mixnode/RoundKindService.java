package org.sotto.mixnode;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;

/**
 * What one kind of mix round does differently from the others; the {@link MixEngine} does the
 * rest (round table, signed keys, peel and duplicate drop, noise wrapping and scheduling, shuffle,
 * key erasure). The shape of Vuvuzela's {@code mixnet.MixService}: a kind names its item sizes
 * (through its {@link RoundKind}), whether replies travel back, how its noise is drawn, and what
 * happens to the shuffled batch after this mix. A new kind of round plugs in here.
 *
 * @param <S> the settings a round of this kind is opened with (the same for every mix of the
 *     chain, e.g. a dialing round's bucket count); {@link Void} for none
 * @param <R> what the next hop answers
 * @param <A> what this mix answers upstream
 */
interface RoundKindService<S, R, A> {

  /** The labels and payload size of this kind's onions. */
  RoundKind kind();

  /** How logs and errors name a round of this kind: "conversation round", "dialing round". */
  default String roundName() {
    return kind().name().toLowerCase(java.util.Locale.ROOT) + " round";
  }

  /**
   * The bucket count this mix signs into its round key ({@link org.sotto.core.round.RoundTerms}):
   * 0 for kinds of round without buckets.
   */
  default int signedBucketCount(S settings) {
    return 0;
  }

  /** Why a round cannot be opened with {@code settings}, in words, or empty. */
  Optional<String> invalid(S settings);

  /**
   * Whether replies travel back through the chain (Vuvuzela's {@code Bidirectional}): if so the
   * engine keeps each onion's reply key for {@link #answer}; if not it erases them at once.
   */
  boolean bidirectional();

  /**
   * Draws this mix's noise for one round. Its items are innermost payloads, which the engine
   * wraps for the mixes after this one, so they must pass for real requests there.
   */
  NoisePayloads drawNoise(S settings, SecureRandom random);

  /** Sends this mix's shuffled batch on: to the next mix, or what the last hop does. */
  CompletableFuture<R> forward(Batch shuffled, S settings);

  /** What this mix answers upstream, given the next hop's answer. */
  A answer(long round, R downstream, ReplyPath replies);

  /** One round's noise: how many payloads, and each of them. */
  interface NoisePayloads {
    int count();

    /** Payload {@code j} of {@link #count()}; called once each, from any thread. */
    byte[] payload(int j, SecureRandom random);

    /** The counts drawn, as {@link MixObserver#mixed} reports them. */
    long[] draws();
  }
}
