package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Scenarios;

class AttackRunTest {

  @Test
  void probe() {
    for (Scenario s : new Scenario[] {Scenarios.small(), Scenarios.withNoise(Scenarios.small(), 0, 0),
        Scenarios.withNoise(Scenarios.with(Scenarios.small(), 30, 3000), 0, 0)}) {
      long t0 = System.nanoTime();
      AttackRun.Results r = AttackRun.run(s, x -> { });
      System.out.printf("%d users %d rounds noise %s: %d ms, %d msgs, %d batches%n",
          s.population().users(), s.rounds(), s.sotto().noiseMu(), (System.nanoTime() - t0) / 1_000_000,
          r.baselineMessages(), r.baselineBatches());
      for (AttackRun.Point p : r.points()) {
        System.out.printf("  %5d %-40s %.3f %.2f %.3f%n", p.round(), p.contest().label(),
            p.metrics().contactsIdentified(), p.metrics().entropyBits(), p.metrics().degreeOfAnonymity());
      }
    }
    assertThat(true).isTrue();
  }
}
