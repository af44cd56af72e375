package org.sotto.mixnode;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.core.wire.RejectedInputException;

/**
 * The running totals every kind of round keeps at a mix, for operators and the metrics export:
 * onions in, dropped per reason (every {@link RejectedInputException.Reason} plus within-round
 * duplicates), noise added and the X25519 work and time it took, rounds mixed and rounds closed
 * without mixing, and the time of each phase of a round. Conversation and dialing rounds each
 * keep their own, so operators can tell them apart; the {@link MixEngine} counts them all the
 * same way.
 */
public abstract class BatchCounters {
  private final Map<RejectedInputException.Reason, LongAdder> drops =
      new EnumMap<>(RejectedInputException.Reason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder onionsIn = new LongAdder();
  private final LongAdder noiseAdded = new LongAdder();
  private final LongAdder roundsMixed = new LongAdder();
  private final LongAdder roundsClosedUnmixed = new LongAdder();
  private final LongAdder noiseX25519 = new LongAdder();
  private final LongAdder noiseX25519Late = new LongAdder();
  private final LongAdder noiseWorkNanos = new LongAdder();
  private final Map<Phase, LongAdder> phaseNanos = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> phaseCount = new EnumMap<>(Phase.class);

  /** The steps of a round at a mix, timed separately so a profile shows where time goes. */
  public enum Phase {
    /** Taking off this mix's layer of every onion (X25519 + HKDF + AES + HMAC), all cores. */
    PEEL,
    /**
     * Waiting for this round's noise (made and wrapped for the rest of the chain) after the peel:
     * near zero when it was prepared ahead, while the window was collecting.
     */
    NOISE,
    /** Waiting for the rest of the chain (next mix, dead drops or the bucket sort) to answer. */
    DOWNSTREAM,
    /** Un-shuffling and sealing every reply under its request's reply key (two-way kinds). */
    REVERSE,
  }

  BatchCounters() {
    for (RejectedInputException.Reason r : RejectedInputException.Reason.values()) {
      drops.put(r, new LongAdder());
    }
    for (Phase p : Phase.values()) {
      phaseNanos.put(p, new LongAdder());
      phaseCount.put(p, new LongAdder());
    }
  }

  void timed(Phase phase, long nanos) {
    phaseNanos.get(phase).add(nanos);
    phaseCount.get(phase).increment();
  }

  /** Noise of one round made: {@code x25519} operations (key generation and agreement). */
  void noiseMade(long x25519Ops, long nanos) {
    noiseX25519.add(x25519Ops);
    noiseWorkNanos.add(nanos);
  }

  /** The noise a batch used was not ready when the batch arrived: its work fell in the round. */
  void noiseLate(long x25519Ops) {
    noiseX25519Late.add(x25519Ops);
  }

  void dropped(RejectedInputException.Reason reason) {
    drops.get(reason).increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void received(int onions) {
    onionsIn.add(onions);
  }

  /** Noise this mix added: requests for conversation rounds, invitations for dialing rounds. */
  void noise(long added) {
    noiseAdded.add(added);
  }

  void mixed() {
    roundsMixed.increment();
  }

  void closedUnmixed() {
    roundsClosedUnmixed.increment();
  }

  public long drops(RejectedInputException.Reason reason) {
    return drops.get(reason).sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long onionsIn() {
    return onionsIn.sum();
  }

  public long noiseAdded() {
    return noiseAdded.sum();
  }

  public long roundsMixed() {
    return roundsMixed.sum();
  }

  public long roundsClosedUnmixed() {
    return roundsClosedUnmixed.sum();
  }

  /** Total time spent in {@code phase} over all rounds, in nanoseconds. */
  public long phaseNanos(Phase phase) {
    return phaseNanos.get(phase).sum();
  }

  /** How many rounds went through {@code phase}. */
  public long phaseCount(Phase phase) {
    return phaseCount.get(phase).sum();
  }

  /** X25519 operations spent wrapping noise, all rounds. */
  public long noiseX25519() {
    return noiseX25519.sum();
  }

  /** Of {@link #noiseX25519()}, those of noise that was not ready when its batch arrived. */
  public long noiseX25519Late() {
    return noiseX25519Late.sum();
  }

  /** Wall time spent making noise (ahead or not), all rounds, in nanoseconds. */
  public long noiseWorkNanos() {
    return noiseWorkNanos.sum();
  }
}
