package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The PLD accountant against computations that do not use it: the Laplace mechanism's closed
 * form, a direct numerical integral of the two-round densities, direct convolution for the FFT
 * composition, and the pure-epsilon bound; its deltas must be upper bounds, and tighter than
 * advanced composition.
 */
class PrivacyLossDistributionTest {

  /** Laplace with ε0 = Δ/b: δ(ε) = 1 − e^((ε − ε0)/2) for 0 ≤ ε ≤ ε0. */
  @Test
  void oneLaplaceCountMatchesTheClosedFormFromAbove() {
    PrivacyLossDistribution pld = PrivacyLossDistribution.laplace(1, 1, 0.01);
    assertThat(pld.totalMass()).isCloseTo(1, within(1e-12));
    for (double eps : new double[] {0, 0.25, 0.5, 0.9}) {
      double exact = 1 - Math.exp((eps - 1) / 2);
      assertThat(pld.delta(eps)).as("eps %s", eps).isGreaterThanOrEqualTo(exact - 1e-12)
          .isCloseTo(exact, within(0.005));
    }
    assertThat(pld.delta(1)).isZero();
  }

  /** δ(ε) = ∫∫ (p(x)p(y) − e^ε q(x)q(y))⁺, p = Lap(0, 1), q = Lap(1, 1), on a fine grid. */
  @Test
  void twoRoundsComposedByFftMatchANumericalIntegral() {
    PrivacyLossDistribution two = PrivacyLossDistribution.laplace(1, 1, 0.01).composed(2);
    double h = 0.01;
    int n = 4000; // [-20, 20]
    double[] p = new double[n];
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      double x = -20 + (i + 0.5) * h;
      p[i] = 0.5 * Math.exp(-Math.abs(x)) * h;
      q[i] = 0.5 * Math.exp(-Math.abs(x - 1)) * h;
    }
    for (double eps : new double[] {0.3, 1.0, 1.6}) {
      double e = Math.exp(eps);
      double integral = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          integral += Math.max(0, p[i] * p[j] - e * q[i] * q[j]);
        }
      }
      assertThat(two.delta(eps)).as("eps %s", eps).isCloseTo(integral, within(0.01))
          .isGreaterThanOrEqualTo(integral - 2e-3);
    }
  }

  @Test
  void fftCompositionAgreesWithDirectConvolutionAndPureEpsilonHolds() {
    PrivacyLossDistribution one = PrivacyLossDistribution.laplace(1, 4, 0.25 / 20);
    PrivacyLossDistribution direct = one;
    for (int i = 1; i < 60; i++) {
      direct = direct.and(one);
    }
    PrivacyLossDistribution fft = one.composed(60);
    for (double eps : new double[] {0.5, 1, 2, 4}) {
      assertThat(fft.delta(eps)).isCloseTo(direct.delta(eps), within(1e-9));
    }
    assertThat(fft.delta(60 * 0.25)).as("60 uses of a 0.25-DP mechanism are 15-DP")
        .isLessThan(1e-12); // zero but for the FFT's rounding
  }

  @Test
  void atVuvuzelasNoiseAnd200000RoundsThePldIsTighterThanAdvancedComposition() {
    double mu = 300_000;
    double b = 13_800;
    Composition.Composed advanced = Composition.over(
        ProtocolPrivacy.CONVERSATION.perRound(mu, b), 200_000, 1e-4);
    Composition.Composed tight = PldAccountant.over(ProtocolPrivacy.CONVERSATION, mu, b,
        200_000, 1e-4);
    assertThat(tight.feasible()).isTrue();
    assertThat(tight.expEpsilon()).isLessThan(advanced.expEpsilon()).isGreaterThan(1.1);
    // A Gaussian approximation of the composed loss (mean k·KL, variance k·Var L) puts the
    // answer near mean + z·sd; the PLD must not be far below it (it is an upper bound).
    assertThat(tight.epsilon()).isGreaterThan(0.25);
  }

  @Test
  void theTightMostUsesAreAtLeastAdvancedCompositionsAndWithinTheTarget() {
    double mu = 300_000;
    double b = 13_800;
    long advanced = Composition.maxRounds(ProtocolPrivacy.CONVERSATION.perRound(mu, b),
        Math.log(2), 1e-4);
    long tight = PldAccountant.maxUses(ProtocolPrivacy.CONVERSATION, mu, b, Math.log(2), 1e-4,
        advanced);
    assertThat(tight).isGreaterThanOrEqualTo(advanced);
    assertThat(PldAccountant.over(ProtocolPrivacy.CONVERSATION, mu, b, tight, 1e-4)
        .expEpsilon()).isLessThanOrEqualTo(2);
    // Here the rounds' own truncation deltas bind: k·δ ≤ 1e-4.
    assertThat(tight).isLessThanOrEqualTo((long) (1e-4 / Math.exp((2 - mu) / b)));
  }
}
