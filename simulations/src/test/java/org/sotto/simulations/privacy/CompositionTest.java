package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompositionTest {

  @Test
  void fewRoundsUseBasicCompositionAndManyUseAdvanced() {
    PrivacyLoss round = new PrivacyLoss(0.01, 1e-12);
    Composition.Composed two = Composition.over(round, 2, 1e-6);
    assertThat(two.rule()).isEqualTo(Composition.Rule.BASIC);
    assertThat(two.epsilon()).isCloseTo(0.02, within(1e-12));
    assertThat(two.delta()).isCloseTo(2e-12, within(1e-20));
    Composition.Composed many = Composition.over(round, 100_000, 1e-6);
    assertThat(many.rule()).isEqualTo(Composition.Rule.ADVANCED);
    double slack = 1e-6 - 100_000 * 1e-12;
    assertThat(many.epsilon()).isCloseTo(
        Math.sqrt(2 * 100_000 * Math.log(1 / slack)) * 0.01 + 100_000 * 0.01 * Math.expm1(0.01),
        within(1e-9));
    assertThat(many.epsilon()).isLessThan(100_000 * 0.01);
  }

  @Test
  void roundsWhoseDeltasExhaustTheBudgetAreInfeasible() {
    PrivacyLoss round = new PrivacyLoss(0.001, 1e-5);
    assertThat(Composition.over(round, 11, 1e-4).feasible()).isFalse();
    assertThat(Composition.over(round, 9, 1e-4).feasible()).isTrue();
    assertThat(Composition.maxRounds(round, 100, 1e-4)).isEqualTo(10);
  }

  @Test
  void dialingBobInsteadOfCharlieLosesTwoOverBPerRound() {
    // Two buckets move by one each: epsilon 2/b, delta e^((1 − mu)/b), over the mass
    // Z = 1 − ½e^(−mu/b) the redraw-while-negative sampler keeps.
    PrivacyLoss dial = ProtocolPrivacy.DIALING.perRound(8000, 500);
    assertThat(dial.epsilon()).isCloseTo(2.0 / 500, within(1e-15));
    assertThat(dial.delta()).isCloseTo(
        Math.exp((1 - 8000.0) / 500) / (1 - 0.5 * Math.exp(-8000.0 / 500)), within(1e-20));
  }

  @Test
  void noNoiseMeansNoPrivacy() {
    assertThat(new NoisyCount(100, 0, 1).loss().epsilon()).isInfinite();
    assertThat(Composition.maxRounds(ProtocolPrivacy.CONVERSATION.perRound(0, 1e-9), 1, 1e-4))
        .isZero();
  }
}
