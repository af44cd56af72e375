package org.sotto.mixnode;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.core.wire.RejectedInputException;

/**
 * Running totals a mix node keeps for operators: onions in, dropped per reason (every
 * {@link RejectedInputException.Reason} plus within-round duplicates), noise added, rounds mixed.
 * The metrics export reads these.
 */
public final class MixCounters {
  private final Map<RejectedInputException.Reason, LongAdder> drops =
      new EnumMap<>(RejectedInputException.Reason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder onionsIn = new LongAdder();
  private final LongAdder noiseAdded = new LongAdder();
  private final LongAdder roundsMixed = new LongAdder();
  private final LongAdder roundsClosedUnmixed = new LongAdder();
  private final Map<Phase, LongAdder> phaseNanos = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> phaseCount = new EnumMap<>(Phase.class);

  /** The steps of a round at a mix, timed separately so a profile shows where time goes. */
  public enum Phase {
    /** Taking off this mix's layer of every onion (X25519 + HKDF + AES + HMAC), all cores. */
    PEEL,
    /** Making and wrapping this round's noise for the rest of the chain. */
    NOISE,
    /** Waiting for the rest of the chain (next mix, or the dead drops) to answer. */
    DOWNSTREAM,
    /** Un-shuffling and sealing every reply under its request's reply key. */
    REVERSE,
  }

  public MixCounters() {
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

  /** Total time spent in {@code phase} over all rounds, in nanoseconds. */
  public long phaseNanos(Phase phase) {
    return phaseNanos.get(phase).sum();
  }

  /** How many rounds went through {@code phase}. */
  public long phaseCount(Phase phase) {
    return phaseCount.get(phase).sum();
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

  void noise(long requests) {
    noiseAdded.add(requests);
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
}
