package org.sotto.simulations.privacy;

/**
 * The inverse question: the least noise that lets a user take part in {@code rounds} rounds of a
 * protocol within a target (epsilon, delta).
 *
 * <p>Cost grows with mu (every server adds about mu fake accesses of each kind per round), so the
 * solver minimises mu. For a fixed mu, a larger b lowers the per-round epsilon (4/b for
 * conversations) but raises the per-round delta (e^((2 − mu)/b)), eating the slack that advanced
 * composition needs; {@link #bestScale} finds the b that minimises the composed epsilon by a
 * log-spaced scan refined with golden-section search. Feasibility is monotone in mu (a larger mu
 * only shrinks delta at the same b), so a doubling then bisection search over mu finds the least
 * mu to within {@link #RELATIVE_PRECISION}.
 */
public final class NoiseSolver {
  static final double RELATIVE_PRECISION = 1e-4;
  private static final int SCAN_POINTS = 200;
  private static final int GOLDEN_STEPS = 80;

  private final ProtocolPrivacy protocol;
  private final long rounds;
  private final double maxEpsilon;
  private final double totalDelta;

  /** The noise found and what it gives. */
  public record Solution(double mu, double b, Composition.Composed composed) {}

  public NoiseSolver(ProtocolPrivacy protocol, long rounds, double maxEpsilon, double totalDelta) {
    if (rounds < 1 || !(maxEpsilon > 0) || !(totalDelta > 0 && totalDelta < 1)) {
      throw new IllegalArgumentException(
          "need rounds >= 1, a target epsilon > 0 and 0 < delta < 1");
    }
    this.protocol = protocol;
    this.rounds = rounds;
    this.maxEpsilon = maxEpsilon;
    this.totalDelta = totalDelta;
  }

  public Solution solve() {
    double low = 0;
    double high = 1;
    while (!feasible(high)) {
      low = high;
      high *= 2;
      if (high > 1e15) {
        throw new IllegalStateException("no noise below mu = 1e15 meets the target; "
            + "ask for fewer rounds or a larger epsilon or delta");
      }
    }
    while (high - low > RELATIVE_PRECISION * high) {
      double mid = (low + high) / 2;
      if (feasible(mid)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    double b = bestScale(high);
    return new Solution(high, b, composed(high, b));
  }

  private boolean feasible(double mu) {
    Composition.Composed c = composed(mu, bestScale(mu));
    return c.feasible() && c.epsilon() <= maxEpsilon;
  }

  /** The b that minimises the composed epsilon for this mu. */
  double bestScale(double mu) {
    double lowB = 1e-3;
    double highB = Math.max(2 * lowB, mu);
    double logLow = Math.log(lowB);
    double step = (Math.log(highB) - logLow) / (SCAN_POINTS - 1);
    int best = 0;
    double bestEps = Double.POSITIVE_INFINITY;
    for (int i = 0; i < SCAN_POINTS; i++) {
      double eps = epsilon(mu, Math.exp(logLow + i * step));
      if (eps < bestEps) {
        bestEps = eps;
        best = i;
      }
    }
    double a = logLow + Math.max(0, best - 1) * step;
    double c = logLow + Math.min(SCAN_POINTS - 1, best + 1) * step;
    double ratio = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < GOLDEN_STEPS; i++) {
      double x1 = c - ratio * (c - a);
      double x2 = a + ratio * (c - a);
      if (epsilon(mu, Math.exp(x1)) <= epsilon(mu, Math.exp(x2))) {
        c = x2;
      } else {
        a = x1;
      }
    }
    return Math.exp((a + c) / 2);
  }

  private double epsilon(double mu, double b) {
    return composed(mu, b).epsilon();
  }

  private Composition.Composed composed(double mu, double b) {
    return Composition.over(protocol.perRound(mu, b), rounds, totalDelta);
  }
}
