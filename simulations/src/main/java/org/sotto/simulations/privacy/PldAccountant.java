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
