package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How long noise lasts, checked against the composition theorem written out here from its
 * statement (Dwork, Rothblum and Vadhan 2010), not through the accountant's own code.
 */
class ProtectionTest {
  private static final double LN2 = Math.log(2);
  private static final double DELTA = 1e-4;
  private static final RoundCadence TWO_SECONDS = new RoundCadence(2000, 1);

  /** e^epsilon after k uses of the conversation round by advanced composition, by hand. */
  private static double conversationEpsilon(double mu, double b, long k) {
    double eps = 4 / b;
    double perUseDelta = Math.exp((2 - mu) / b); // ≈ the sampler's exact value for mu >> b
    double slack = DELTA - k * perUseDelta;
    if (slack <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double advanced = Math.sqrt(2 * k * Math.log(1 / slack)) * eps + k * eps * Math.expm1(eps);
    return Math.min(advanced, k * eps);
  }

  @Test
  void theSolvedNoiseLastsTheDaysAskedAndNotMuchMore() {
    Protection day = Protection.solve(ProtocolPrivacy.CONVERSATION, TWO_SECONDS, 1, 2, DELTA);
    assertThat(day.rounds()).isGreaterThanOrEqualTo(43_200);
    assertThat(conversationEpsilon(day.mu(), day.b(), 43_200)).isLessThanOrEqualTo(LN2 * 1.0001);
    // A tenth less noise no longer lasts the day: the solver did not overshoot.
    assertThat(conversationEpsilon(day.mu() * 0.9, day.b() * 0.9, 43_200)).isGreaterThan(LN2);
    assertThat(day.sentence("a conversation"))
        .contains("e^epsilon <= 2, delta <= 1e-4").contains("1.0 days").contains("rounds of 2 s");
  }

  @Test
  void lightNoiseLastsOnlyRoundsAndSaysSo() {
    Protection light = Protection.of(ProtocolPrivacy.CONVERSATION, 100, 10, TWO_SECONDS, 2, DELTA);
    assertThat(light.rounds()).isLessThan(10);
    assertThat(light.sentence("a conversation")).contains("only ");
  }

  @Test
  void slotsSpendTheBudgetFaster() {
    Protection one = Protection.of(ProtocolPrivacy.CONVERSATION, 300_000, 13_800, TWO_SECONDS, 2,
        DELTA);
    Protection four = Protection.of(ProtocolPrivacy.CONVERSATION, 300_000, 13_800,
        new RoundCadence(2000, 4), 2, DELTA);
    assertThat(four.rounds()).isBetween(one.rounds() / 4 - 1, one.rounds() / 4);
  }

  @Test
  void theDialingBoundIsTwiceTheOneBucketBound() {
    PrivacyLoss oneBucket = new NoisyCount(23_000, 1_200, 1).loss();
    assertThat(ProtocolPrivacy.DIALING.perRound(23_000, 1_200).epsilon())
        .isEqualTo(2 * oneBucket.epsilon());
  }
}
