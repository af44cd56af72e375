package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.simulations.attack.AttackKind.System;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Scenarios;

/**
 * End to end on the shipped scenarios, scaled down to run in seconds. Every claim is checked
 * against chance (m/(N − 1), computed here) and against the same run with the noise turned off or
 * the correlation removed, so each check could fail: the point is that the observation named, not
 * a blunt attack, is what decides.
 */
class AttackRunTest {

  private static AttackRun.Results run(Scenario s) throws Exception {
    return AttackRun.run(s, r -> { });
  }

  @Test
  void statisticalDisclosureAndHittingSetBreakTheBaseline() throws Exception {
    AttackRun.Results small = run(Scenarios.small());
    assertThat(small.last(System.BASELINE, AttackKind.DISCLOSURE).metrics()
        .contactsIdentified()).isEqualTo(1.0);
    assertThat(small.last(System.BASELINE, AttackKind.HITTING_SET).metrics()
        .contactsIdentified()).isEqualTo(1.0);
    assertThat(small.of(new AttackRun.Contest(System.BASELINE, AttackKind.DISCLOSURE)).get(0)
        .metrics().contactsIdentified()).isLessThan(0.7);
  }

  @Test
  void onCorrelatedChurnWhoComesOnlineTogetherGivesContactsAwayAndIndependentChurnDoesNot()
      throws Exception {
    Scenario correlated = Scenarios.measuring(
        Scenarios.load("correlated-churn.yaml").withSize(100, 3000), 10, 6, 1);
    AttackRun.Results r = run(correlated);
    double chance = 3.0 / 99;
    assertThat(r.chance()).isCloseTo(chance, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.last(System.SOTTO, AttackKind.PRESENCE).metrics().contactsIdentified())
        .isGreaterThanOrEqualTo(0.8);
    AttackReport report = new AttackReport(r, java.nio.file.Path.of("correlated-churn.yaml"));
    assertThat(String.join("\n", report.findings()))
        .contains("presence intersection found").contains("what gave them away is who is online");

    Scenario.Churn c = correlated.churn();
    Scenario independent = new Scenario(correlated.seed(), correlated.rounds(), "",
        correlated.population(), correlated.conversations(), new Scenario.Churn(
            c.meanOnlineRounds(), c.meanOfflineRounds(), 0, 0), correlated.baseline(),
        correlated.sotto(), correlated.adversary(), correlated.attack());
    assertThat(run(independent).last(System.SOTTO, AttackKind.PRESENCE).metrics()
        .contactsIdentified()).isLessThanOrEqualTo(3 * chance);
  }

  @Test
  void onTheReferenceEveryAttackOnSottoStaysNearChanceAndWithoutNoiseTheActiveOnesWin()
      throws Exception {
    Scenario reference = Scenarios.measuring(Scenarios.reference().withSize(60, 1500), 30, 5, 1);
    AttackRun.Results r = run(reference);
    double chance = 3.0 / 59;
    for (AttackRun.Contest c : r.contests()) {
      double success = r.last(c).metrics().contactsIdentified();
      if (c.system() == System.SOTTO) {
        assertThat(success).as(c.label()).isLessThanOrEqualTo(2 * chance);
      }
    }
    for (AttackKind active : new AttackKind[] {AttackKind.N_MINUS_1, AttackKind.GROUP_TESTING}) {
      assertThat(r.last(System.SOTTO_WITHOUT_NOISE, active).metrics().contactsIdentified())
          .as(active.label()).isGreaterThanOrEqualTo(0.6);
    }
  }

  @Test
  void withPermanentConversationsTheCountLikelihoodFindsPartnersWithoutNoiseAndNotWithIt()
      throws Exception {
    // The shipped default noise (mu = 100, b = 10), one partner per user, 100 users.
    Scenario s = Scenarios.measuring(
        Scenarios.load("default-noise.yaml").withSize(100, 3000), 20, 5, 1);
    AttackRun.Results r = run(s);
    assertThat(r.chance()).isCloseTo(1.0 / 99, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.last(System.SOTTO_WITHOUT_NOISE, AttackKind.COUNT_LIKELIHOOD).metrics()
        .contactsIdentified()).isGreaterThanOrEqualTo(0.7);
    assertThat(r.last(System.SOTTO, AttackKind.COUNT_LIKELIHOOD).metrics()
        .contactsIdentified()).isLessThanOrEqualTo(0.3);
  }

  @Test
  void aPassiveAdversaryRunsNoActiveAttackAndOneThatSeesNothingRunsNoneOnSotto()
      throws Exception {
    AttackRun.Results passive = run(Scenarios.withIsolation(Scenarios.small(), 0));
    assertThat(passive.has(System.SOTTO, AttackKind.N_MINUS_1)).isFalse();
    assertThat(passive.has(System.SOTTO, AttackKind.PRESENCE)).isTrue();
    assertThat(passive.tamperedRounds()).isZero();
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() throws Exception {
    AttackRun.Results once = run(Scenarios.small());
    AttackRun.Results again = run(Scenarios.small());
    assertThat(again.points().stream().map(p -> p.metrics()).toList())
        .isEqualTo(once.points().stream().map(p -> p.metrics()).toList());
    AttackRun.Results other = run(Scenarios.withSeed(Scenarios.small(), 8));
    assertThat(other.points().stream().map(p -> p.metrics()).toList())
        .isNotEqualTo(once.points().stream().map(p -> p.metrics()).toList());
  }
}
