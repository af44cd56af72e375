package org.sotto.simulations.privacy;

/**
 * The privacy left after k rounds, each (epsilon, delta)-differentially private, by the better of
 * two composition theorems (both are valid, so the smaller epsilon holds):
 *
 * <ul>
 *   <li><b>advanced composition</b> (Dwork, Rothblum and Vadhan, "Boosting and Differential
 *       Privacy", FOCS 2010, Theorem III.3; Dwork and Roth 2014, Theorem 3.20): for any
 *       slack delta' &gt; 0 the k rounds together are (epsilon', k·delta + delta')-private with
 *       epsilon' = sqrt(2k ln(1/delta'))·epsilon + k·epsilon·(e^epsilon − 1). This is the rule
 *       the Vuvuzela paper (§6) composes rounds with;
 *   <li><b>basic composition</b> (Dwork and Roth, Theorem 3.16): (k·epsilon, k·delta), which wins
 *       for small k.
 * </ul>
 *
 * Given a total delta budget, the slack is what the rounds' own deltas leave:
 * delta' = totalDelta − k·delta. When that is not positive no epsilon meets the budget.
 */
public final class Composition {
  private Composition() {}

  /** Which theorem gave the bound (PLD: the privacy-loss-distribution accountant). */
  public enum Rule { ADVANCED, BASIC, PLD, NONE }

  /** The guarantee after {@code rounds} rounds within {@code totalDelta}. */
  public record Composed(long rounds, double epsilon, double delta, Rule rule) {
    public double expEpsilon() {
      return Math.exp(epsilon);
    }

    public boolean feasible() {
      return rule != Rule.NONE;
    }
  }

  public static Composed over(PrivacyLoss perRound, long rounds, double totalDelta) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    double eps = perRound.epsilon();
    double roundsDelta = rounds * perRound.delta();
    double slack = totalDelta - roundsDelta;
    double basic = roundsDelta <= totalDelta ? rounds * eps : Double.POSITIVE_INFINITY;
    double advanced = slack > 0
        ? Math.sqrt(2 * rounds * Math.log(1 / slack)) * eps + rounds * eps * Math.expm1(eps)
        : Double.POSITIVE_INFINITY;
    if (Double.isInfinite(basic) && Double.isInfinite(advanced)) {
      return new Composed(rounds, Double.POSITIVE_INFINITY, 1, Rule.NONE);
    }
    return advanced < basic
        ? new Composed(rounds, advanced, totalDelta, Rule.ADVANCED)
        : new Composed(rounds, basic, roundsDelta, Rule.BASIC);
  }

  /**
   * The most rounds whose composed epsilon stays within {@code maxEpsilon} and delta within
   * {@code totalDelta}; 0 if not even one round does. Epsilon only grows with k (both terms grow
   * and the slack shrinks), so an exponential then binary search finds the boundary.
   */
  public static long maxRounds(PrivacyLoss perRound, double maxEpsilon, double totalDelta) {
    if (!within(perRound, 1, maxEpsilon, totalDelta)) {
      return 0;
    }
    long ok = 1;
    long bad = 2;
    while (within(perRound, bad, maxEpsilon, totalDelta)) {
      ok = bad;
      if (bad > Long.MAX_VALUE / 4) {
        return ok;
      }
      bad *= 2;
    }
    while (bad - ok > 1) {
      long mid = ok + (bad - ok) / 2;
      if (within(perRound, mid, maxEpsilon, totalDelta)) {
        ok = mid;
      } else {
        bad = mid;
      }
    }
    return ok;
  }

  private static boolean within(PrivacyLoss perRound, long k, double maxEpsilon,
      double totalDelta) {
    Composed c = over(perRound, k, totalDelta);
    return c.feasible() && c.epsilon() <= maxEpsilon;
  }
}
