package org.sotto.simulations.attack;

import java.util.BitSet;

/**
 * Who comes online together: an intersection attack on presence alone (the idea of Kesdogan,
 * Agrawal and Penz's disclosure attack and of Berthold and Langos's intersection attacks,
 * "Dummy Traffic against Long Term Intersection Attacks", PET 2002, applied to session starts and
 * ends rather than batches). No cover traffic hides presence: a client that is online sends every
 * round, and one that is offline sends nothing.
 *
 * <p>For each round in which the target comes online (or goes offline), every candidate that
 * comes online (goes offline) in the same round scores a co-change. A candidate who changes
 * state n_c times in R rounds would co-change with the target's n_t changes about
 * n_t·n_c / R times by coincidence (both directions counted separately); the score is the excess
 * over that, in standard deviations of a Poisson count: (k − e) / sqrt(e + 1). Contacts who come
 * online to talk to the target, and leave when the call ends, stand out; if churn is independent
 * of conversations the attack finds nothing (its assumption is the correlation, which it tests).
 */
public final class PresenceIntersectionAttack implements Attack {
  private final int target;
  private final long[] arrivals;
  private final long[] departures;
  private final long[] coArrivals;
  private final long[] coDepartures;
  private BitSet previous;
  private long rounds;

  public PresenceIntersectionAttack(Knowledge k) {
    this.target = k.target();
    this.arrivals = new long[k.users()];
    this.departures = new long[k.users()];
    this.coArrivals = new long[k.users()];
    this.coDepartures = new long[k.users()];
  }

  @Override
  public void observe(Observation observation) {
    if (!(observation instanceof Observation.Presence presence)) {
      return;
    }
    BitSet now = presence.online();
    if (previous != null) {
      rounds++;
      BitSet came = (BitSet) now.clone();
      came.andNot(previous);
      BitSet left = (BitSet) previous.clone();
      left.andNot(now);
      count(came, arrivals, coArrivals);
      count(left, departures, coDepartures);
    }
    previous = now;
  }

  private void count(BitSet changed, long[] changes, long[] coChanges) {
    boolean targetChanged = changed.get(target);
    for (int u = changed.nextSetBit(0); u >= 0; u = changed.nextSetBit(u + 1)) {
      changes[u]++;
      if (targetChanged) {
        coChanges[u]++;
      }
    }
  }

  @Override
  public double[] scores() {
    double[] s = new double[arrivals.length];
    if (rounds == 0) {
      return s;
    }
    for (int c = 0; c < s.length; c++) {
      if (c == target) {
        continue;
      }
      double expected = (arrivals[target] * (double) arrivals[c]
          + departures[target] * (double) departures[c]) / rounds;
      s[c] = (coArrivals[c] + coDepartures[c] - expected) / Math.sqrt(expected + 1);
    }
    return s;
  }
}
