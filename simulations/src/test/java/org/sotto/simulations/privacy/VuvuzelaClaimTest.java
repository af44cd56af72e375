package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Pins the Vuvuzela paper's headline claim (van den Hooff et al., SOSP 2015, §6): with
 * mu = 300,000 and b = 13,800 a user can talk for 200,000 rounds with e^epsilon ≤ 2 and
 * delta ≤ 1e-4.
 */
class VuvuzelaClaimTest {
  private static final double MU = 300_000;
  private static final double B = 13_800;

  @Test
  void oneConversationRoundCostsFourOverBAndExpOfTwoMinusMuOverB() {
    PrivacyLoss round = ProtocolPrivacy.CONVERSATION.perRound(MU, B);
    assertThat(round.epsilon()).isCloseTo(4 / B, within(1e-15));
    assertThat(round.delta()).isCloseTo(Math.exp((2 - MU) / B), within(1e-15));
  }

  @Test
  void twoHundredThousandRoundsStayWithinEToTheEpsilonTwoAndDeltaOneInTenThousand() {
    PrivacyLoss round = ProtocolPrivacy.CONVERSATION.perRound(MU, B);
    Composition.Composed after = Composition.over(round, 200_000, 1e-4);
    assertThat(after.rule()).isEqualTo(Composition.Rule.ADVANCED);
    assertThat(after.expEpsilon()).isLessThanOrEqualTo(2.0);
    assertThat(after.delta()).isLessThanOrEqualTo(1e-4);
    // By hand: k·delta = 7.25e-5 leaves delta' = 2.75e-5, so
    // epsilon' = sqrt(2k ln(1/delta'))·4/b + k·(4/b)·(e^(4/b) − 1) = 0.594 + 0.017.
    assertThat(after.epsilon()).isCloseTo(0.611, within(0.002));
  }

  @Test
  void theMostRoundsWithinTheTargetCoverTheClaimAndNoMore() {
    PrivacyLoss round = ProtocolPrivacy.CONVERSATION.perRound(MU, B);
    long max = Composition.maxRounds(round, Math.log(2), 1e-4);
    assertThat(max).isGreaterThanOrEqualTo(200_000).isLessThan(300_000);
    assertThat(Composition.over(round, max, 1e-4).expEpsilon()).isLessThanOrEqualTo(2.0);
    assertThat(Composition.over(round, max + 1, 1e-4).expEpsilon()).isGreaterThan(2.0);
  }

  @Test
  void theNoiseSolverNeedsNoMoreNoiseThanThePaperUsed() {
    NoiseSolver.Solution s =
        new NoiseSolver(ProtocolPrivacy.CONVERSATION, 200_000, Math.log(2), 1e-4).solve();
    assertThat(s.composed().expEpsilon()).isLessThanOrEqualTo(2.0 + 1e-9);
    assertThat(s.composed().delta()).isLessThanOrEqualTo(1e-4);
    assertThat(s.mu()).isLessThanOrEqualTo(MU).isGreaterThan(MU / 2);
    // A little less noise than the solution is not enough, whatever b.
    NoiseSolver solver = new NoiseSolver(ProtocolPrivacy.CONVERSATION, 200_000, Math.log(2), 1e-4);
    double less = s.mu() * 0.99;
    double epsilonWithLess = Composition.over(
        ProtocolPrivacy.CONVERSATION.perRound(less, solver.bestScale(less)), 200_000, 1e-4)
        .epsilon();
    assertThat(epsilonWithLess).isGreaterThan(Math.log(2));
  }
}
