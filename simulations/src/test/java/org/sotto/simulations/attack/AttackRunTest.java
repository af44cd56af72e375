package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.simulations.attack.AttackKind.System;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Scenarios;

/**
 * End to end on the small scenario (100 users, 3 contacts each, batches of 10, 600 rounds): the
 * baseline falls to both disclosure attacks; Sotto at the Vuvuzela paper's noise leaves every
 * attack at chance; without the noise the active isolation attack works, so it is the noise, not
 * a blunt attack, that stops it.
 */
class AttackRunTest {
  private static final AttackRun.Results SMALL = AttackRun.run(Scenarios.small(), r -> { });

  @Test
  void statisticalDisclosureAndHittingSetBreakTheBaseline() {
    assertThat(SMALL.last(System.BASELINE, AttackKind.DISCLOSURE).metrics()
        .contactsIdentified()).isEqualTo(1.0);
    assertThat(SMALL.last(System.BASELINE, AttackKind.HITTING_SET).metrics()
        .contactsIdentified()).isEqualTo(1.0);
    // Early on they know less: the curve rises.
    assertThat(SMALL.of(new AttackRun.Contest(System.BASELINE, AttackKind.DISCLOSURE)).get(0)
        .metrics().contactsIdentified()).isLessThan(0.7);
  }

  @Test
  void everyAttackOnSottoWithRealisticNoiseDoesNoBetterThanChance() {
    double chance = SMALL.chance(); // 3/99
    for (AttackKind kind : new AttackKind[] {AttackKind.DISCLOSURE, AttackKind.COUNT_CORRELATION,
        AttackKind.ISOLATION}) {
      AttackRun.Point last = SMALL.last(System.SOTTO, kind);
      // 10 targets × 3 contacts = 30 guesses; chance expects about one hit. Allow three.
      assertThat(last.metrics().contactsIdentified()).as(kind.label())
          .isLessThanOrEqualTo(Math.max(3 * chance, 0.1));
      assertThat(last.metrics().degreeOfAnonymity()).as(kind.label()).isGreaterThan(0.4);
    }
  }

  @Test
  void withoutNoiseTheIsolationAttackFindsContacts() {
    Scenario quiet = Scenarios.withNoise(Scenarios.with(Scenarios.small(), 30, 3000), 0, 0);
    AttackRun.Results r = AttackRun.run(quiet, x -> { });
    assertThat(r.last(System.SOTTO, AttackKind.ISOLATION).metrics().contactsIdentified())
        .isGreaterThanOrEqualTo(0.6).isGreaterThan(5 * r.chance());
    Scenario noisy = Scenarios.with(Scenarios.small(), 30, 3000);
    AttackRun.Results n = AttackRun.run(noisy, x -> { });
    assertThat(n.last(System.SOTTO, AttackKind.ISOLATION).metrics().contactsIdentified())
        .isLessThanOrEqualTo(0.3);
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
    AttackRun.Results again = AttackRun.run(Scenarios.small(), r -> { });
    assertThat(again.points()).isEqualTo(SMALL.points());
    AttackRun.Results other = AttackRun.run(Scenarios.withSeed(Scenarios.small(), 8), r -> { });
    assertThat(other.points()).isNotEqualTo(SMALL.points());
  }
}
