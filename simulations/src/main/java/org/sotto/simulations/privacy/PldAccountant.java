package org.sotto.simulations.privacy;

/**
 * The tight accountant: the privacy-loss distribution of one round of a protocol, composed over
 * k uses ({@link PrivacyLossDistribution}), beside the advanced composition theorem of
 * {@link Composition}. One round releases Laplace counts ({@link ProtocolPrivacy}): for
 * conversations the singles (moved by 2, scale b) and the pairs (moved by 1, scale b/2), for
 * dialing two buckets (each moved by 1, scale b). Sotto's sampler redraws negative draws, so a
 * count is Laplace only up to an event of probability at most the per-round delta of
 * {@link NoisyCount}; over k uses that costs k times it, added to the PLD's delta (a union bound).
 */
public final class PldAccountant {
  /** Grid steps per ε0: the atoms sit on the grid; the continuous part is rounded by ε0/M. */
  private static final int STEPS_PER_EPSILON = 20;
  /** The most-uses search stops within this share of the answer (each step costs two FFTs). */
  private static final double SEARCH_PRECISION = 0.01;

  private PldAccountant() {}

  /** The least epsilon for {@code uses} uses within {@code totalDelta}; infinite if none. */
  public static Composition.Composed over(ProtocolPrivacy protocol, double mu, double b,
      long uses, double totalDelta) {
    double truncation = uses * protocol.perRound(mu, b).delta();
    double budget = totalDelta - truncation;
    if (!(budget > 0) || b <= 0) {
      return new Composition.Composed(uses, Double.POSITIVE_INFINITY, 1, Composition.Rule.NONE);
    }
    double epsilon = perRound(protocol, b).composed(uses).epsilon(budget);
    return Double.isInfinite(epsilon)
        ? new Composition.Composed(uses, epsilon, 1, Composition.Rule.NONE)
        : new Composition.Composed(uses, epsilon, totalDelta, Composition.Rule.PLD);
  }

  /**
   * The most uses whose tight epsilon stays within {@code maxEpsilon} and delta within
   * {@code totalDelta}, to within {@link #SEARCH_PRECISION} (rounded down, so it is safe). The
   * advanced-composition answer {@code atLeast} is a valid start (the PLD is never looser); the
   * truncation term k·δ caps k from above; in between, bisection (epsilon grows with k).
   */
  public static long maxUses(ProtocolPrivacy protocol, double mu, double b, double maxEpsilon,
      double totalDelta, long atLeast) {
    double roundDelta = protocol.perRound(mu, b).delta();
    long cap = roundDelta > 0 ? (long) Math.min(1e12, Math.floor(totalDelta / roundDelta))
        : (long) 1e12;
    long low = Math.max(0, atLeast);
    long high = Math.min(cap, Math.max(1, 16 * Math.max(1, low)));
    if (b <= 0 || high <= low) {
      return low;
    }
    if (within(protocol, mu, b, high, maxEpsilon, totalDelta)) {
      return high;
    }
    while (high - low > Math.max(1, (long) (SEARCH_PRECISION * low))) {
      long mid = low + (high - low) / 2;
      if (within(protocol, mu, b, mid, maxEpsilon, totalDelta)) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static boolean within(ProtocolPrivacy protocol, double mu, double b, long uses,
      double maxEpsilon, double totalDelta) {
    Composition.Composed c = over(protocol, mu, b, uses, totalDelta);
    return c.feasible() && c.epsilon() <= maxEpsilon;
  }

  /** One round's PLD. */
  static PrivacyLossDistribution perRound(ProtocolPrivacy protocol, double b) {
    return switch (protocol) {
      case CONVERSATION -> {
        double step = (2 / b) / STEPS_PER_EPSILON;
        yield PrivacyLossDistribution.laplace(2, b, step)
            .and(PrivacyLossDistribution.laplace(1, b / 2, step));
      }
      case DIALING -> {
        double step = (1 / b) / STEPS_PER_EPSILON;
        PrivacyLossDistribution bucket = PrivacyLossDistribution.laplace(1, b, step);
        yield bucket.and(bucket);
      }
    };
  }
}
