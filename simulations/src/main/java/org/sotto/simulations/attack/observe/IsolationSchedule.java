package org.sotto.simulations.attack.observe;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * When an active adversary isolates whom: in a share of the rounds (drawn at random) it lets only
 * two clients through, the next online target in turn and that target's next online candidate
 * partner, cycling through every other user (it sees who is online, so it wastes no round on
 * someone who could not answer). This is the n − 1 style of attack (Serjantov, Dingledine and
 * Syverson, "From a Trickle to a Flood", IH 2002) that Vuvuzela's noise is designed to withstand
 * (van den Hooff et al., SOSP 2015, §2 and §6): with no noise, the double-access count of an
 * isolated round says whether the two are talking.
 */
public final class IsolationSchedule {
  private final double share;
  private final int[] targets;
  private final int users;
  private final int[] nextCandidate;
  private final RandomGenerator random;
  private int nextTarget;

  /** Who is let through in an isolated round. */
  public record Pair(int target, int candidate) {}

  public IsolationSchedule(double share, int[] targets, int users, RandomGenerator random) {
    this.share = share;
    this.targets = targets.clone();
    this.users = users;
    this.nextCandidate = new int[targets.length];
    this.random = random;
  }

  /** The pair to isolate this round, or null to let everyone through. */
  public Pair next(BitSet online) {
    if (share == 0 || random.nextDouble() >= share) {
      return null;
    }
    for (int tried = 0; tried < targets.length; tried++) {
      int i = nextTarget;
      nextTarget = (nextTarget + 1) % targets.length;
      int candidate = nextOnline(online, nextCandidate[i], targets[i]);
      if (online.get(targets[i]) && candidate >= 0) {
        nextCandidate[i] = (candidate + 1) % users;
        return new Pair(targets[i], candidate);
      }
    }
    return null;
  }

  /** The first online user at or after {@code from} (wrapping), other than {@code target}. */
  private int nextOnline(BitSet online, int from, int target) {
    for (int k = 0; k < users; k++) {
      int u = (from + k) % users;
      if (u != target && online.get(u)) {
        return u;
      }
    }
    return -1;
  }
}
