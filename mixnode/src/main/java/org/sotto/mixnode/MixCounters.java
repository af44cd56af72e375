package org.sotto.mixnode;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A mix node's conversation-round totals: those of {@link BatchCounters} (noise counted in
 * requests), the X25519 work and time spent making noise, and the time of each phase of a round.
 */
public final class MixCounters extends BatchCounters {
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
    /** Waiting for the rest of the chain (next mix, or the dead drops) to answer. */
    DOWNSTREAM,
    /** Un-shuffling and sealing every reply under its request's reply key. */
    REVERSE,
  }

  public MixCounters() {
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

  /** Noise of one round made: {@code x25519} operations (key generation and agreement). */
  void noiseMade(long x25519Ops, long nanos) {
    noiseX25519.add(x25519Ops);
    noiseWorkNanos.add(nanos);
  }

  /** The noise a batch used was not ready when the batch arrived: its work fell in the round. */
  void noiseLate(long x25519Ops) {
    noiseX25519Late.add(x25519Ops);
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
