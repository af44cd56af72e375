package org.sotto.simulations.privacy;

/**
 * How a cluster's rounds turn into wall-clock time: one round every {@code intervalMs}, in which
 * every client takes part {@code usesPerRound} times (a conversation round's slots; 1 for
 * dialing). The accountant composes uses, so a day of rounds at k slots costs as much as k days at
 * one slot.
 */
public record RoundCadence(long intervalMs, int usesPerRound) {
  public static final long DAY_MS = 86_400_000L;

  public RoundCadence {
    if (intervalMs < 1 || usesPerRound < 1) {
      throw new IllegalArgumentException("need a positive round interval and at least one use "
          + "per round, got " + intervalMs + " ms and " + usesPerRound);
    }
  }

  /** Rounds that start within {@code days} days. */
  public long roundsIn(double days) {
    return (long) Math.ceil(days * DAY_MS / intervalMs);
  }

  /** The uses a client makes in {@code days} days of continuous rounds. */
  public long usesIn(double days) {
    return roundsIn(days) * usesPerRound;
  }

  /** The whole rounds that {@code uses} uses cover. */
  public long roundsFor(long uses) {
    return uses / usesPerRound;
  }

  /** How long {@code rounds} rounds last, in days. */
  public double days(long rounds) {
    return (double) rounds * intervalMs / DAY_MS;
  }
}
