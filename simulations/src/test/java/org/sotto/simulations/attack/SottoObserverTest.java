package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sotto.deaddrop.DeadDropExchange;
import org.sotto.simulations.attack.observe.AdversaryModel;
import org.sotto.simulations.attack.observe.SottoObserver;
import org.sotto.simulations.scenario.ContactGraph;
import org.sotto.simulations.scenario.RoundActivity;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Scenarios;
import org.sotto.simulations.scenario.TrafficModel;

/**
 * What the adversary sees of Sotto comes from the real dead-drop exchange and the servers' noise
 * sampler; the expected values here are counted from the ground truth (conversations, online
 * users) and the Laplace mean, not from the observer.
 */
class SottoObserverTest {
  private static final AdversaryModel ALL_BUT_FIRST = AdversaryModel.of(Scenarios.small());

  @Test
  void withoutNoiseTheExchangeCountsOnePairPerConversationAndASingleForEveryoneElse() {
    RoundActivity a = busyRound(Scenarios.small());
    Observation.Counts c = counts(new SottoObserver(ALL_BUT_FIRST, 0, 0,
        new SplittableRandom(1)).observe(a, real(a)));
    assertThat(c.pairs()).isEqualTo(a.conversations().size()).isPositive();
    assertThat(c.singles()).isEqualTo(a.online().cardinality() - 2L * a.conversations().size());
  }

  @Test
  void oneHonestMixAddsLaplaceNoiseOnTopOfTheRealCounts() {
    RoundActivity a = busyRound(Scenarios.small());
    SottoObserver observer = new SottoObserver(ALL_BUT_FIRST, 1000, 10, new SplittableRandom(1));
    double extraPairs = 0;
    for (int i = 0; i < 200; i++) {
      extraPairs += counts(observer.observe(a, real(a))).pairs() - a.conversations().size();
    }
    // One honest mix: pairs ≈ Laplace(mu/2, b/2) = 500 on average.
    assertThat(extraPairs / 200).isBetween(495.0, 505.0);
  }

  @Test
  void everyHonestMixAddsItsNoiseAndTheAdversarySeesOnlyWhatItsServersSee() {
    Scenario s = Scenarios.small();
    RoundActivity a = busyRound(s);
    AdversaryModel none = new AdversaryModel(3, new int[0], true, false, false, 0);
    Observation.Counts c = counts(new SottoObserver(none, 1000, 0, new SplittableRandom(1))
        .observe(a, real(a)));
    assertThat(c.pairs() - a.conversations().size()).isEqualTo(3 * 500);
    AdversaryModel blind = new AdversaryModel(3, new int[] {2}, false, false, false, 0.5);
    assertThat(new SottoObserver(blind, 0, 0, new SplittableRandom(1)).observe(a, real(a)))
        .isEmpty();
    assertThat(blind.active()).isFalse();
    assertThat(ALL_BUT_FIRST.seesPresence() && ALL_BUT_FIRST.seesCounts()
        && ALL_BUT_FIRST.active()).isTrue();
  }

  @Test
  void aProbeShowsAPairOnlyWhenTheTwoLetThroughAreTalking() {
    RoundActivity a = busyRound(Scenarios.small());
    RoundActivity.Talk t = a.conversations().get(0);
    SottoObserver observer = new SottoObserver(ALL_BUT_FIRST, 0, 0, new SplittableRandom(1));
    assertThat(observer.probe(a, t.a(), bits(t.a(), t.b())).pairs()).isEqualTo(1);
    int stranger = a.online().stream().filter(u -> u != t.a() && u != t.b()).findFirst()
        .orElseThrow();
    Observation.Probe notTalking = observer.probe(a, t.a(), bits(t.a(), stranger));
    assertThat(notTalking.pairs()).isZero();
    assertThat(notTalking.singles()).isEqualTo(2);
  }

  private static BitSet bits(int... users) {
    BitSet b = new BitSet();
    for (int u : users) {
      b.set(u);
    }
    return b;
  }

  private static Observation.Counts counts(List<Observation> seen) {
    return seen.stream().filter(o -> o instanceof Observation.Counts)
        .map(o -> (Observation.Counts) o).findFirst().orElseThrow();
  }

  private static DeadDropExchange.Stats real(RoundActivity a) {
    return SottoObserver.realCounts(a, a.online(), new SplittableRandom(9));
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
