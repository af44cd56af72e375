package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sotto.simulations.attack.observe.IsolationSchedule;
import org.sotto.simulations.attack.observe.SottoObserver;
import org.sotto.simulations.scenario.ContactGraph;
import org.sotto.simulations.scenario.RoundActivity;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Scenarios;
import org.sotto.simulations.scenario.TrafficModel;

class SottoObserverTest {

  @Test
  void withoutNoiseTheExchangeCountsOnePairPerConversationAndASingleForEveryoneElse() {
    Scenario s = Scenarios.withNoise(Scenarios.small(), 0, 0);
    RoundActivity a = busyRound(s);
    Observation.Counts c = (Observation.Counts) new SottoObserver(s.sotto(),
        new SplittableRandom(1)).observe(a).get(0);
    assertThat(c.pairs()).isEqualTo(a.conversations().size()).isPositive();
    assertThat(c.singles()).isEqualTo(a.online().cardinality() - 2L * a.conversations().size());
  }

  @Test
  void oneHonestMixAddsLaplaceNoiseOnTopOfTheRealCounts() {
    Scenario s = Scenarios.withNoise(Scenarios.small(), 1000, 10);
    RoundActivity a = busyRound(s);
    SottoObserver observer = new SottoObserver(s.sotto(), new SplittableRandom(1));
    double extraPairs = 0;
    for (int i = 0; i < 200; i++) {
      extraPairs += ((Observation.Counts) observer.observe(a).get(0)).pairs()
          - a.conversations().size();
    }
    // One mix (all but one compromised): pairs ≈ Laplace(mu/2, b/2) = 500 on average.
    assertThat(extraPairs / 200).isBetween(495.0, 505.0);
  }

  @Test
  void anIsolatedRoundShowsAPairOnlyWhenTheTwoAreTalking() {
    Scenario s = Scenarios.withNoise(Scenarios.small(), 0, 0);
    RoundActivity a = busyRound(s);
    RoundActivity.Talk t = a.conversations().get(0);
    SottoObserver observer = new SottoObserver(s.sotto(), new SplittableRandom(1));
    Observation.Isolated talking = (Observation.Isolated) observer.observeIsolated(a,
        new IsolationSchedule.Pair(t.a(), t.b())).get(0);
    assertThat(talking.bothOnline()).isTrue();
    assertThat(talking.pairs()).isEqualTo(1);
    int stranger = a.online().stream().filter(u -> u != t.a() && u != t.b()).findFirst()
        .orElseThrow();
    Observation.Isolated notTalking = (Observation.Isolated) observer.observeIsolated(a,
        new IsolationSchedule.Pair(t.a(), stranger)).get(0);
    assertThat(notTalking.pairs()).isZero();
    assertThat(notTalking.singles()).isEqualTo(2);
  }

  private static RoundActivity busyRound(Scenario s) {
    TrafficModel model = new TrafficModel(s, ContactGraph.randomRegular(100, 3,
        new SplittableRandom(5)), new SplittableRandom(6));
    RoundActivity a = model.next();
    for (int i = 0; i < 30; i++) {
      a = model.next();
    }
    return a;
  }
}
