package org.sotto.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrafficModelTest {

  @Test
  void contactGraphIsSimpleAndRegular() {
    ContactGraph g = ContactGraph.randomRegular(200, 5, new SplittableRandom(1));
    for (int u = 0; u < 200; u++) {
      int[] c = g.contactsOf(u);
      assertThat(c).hasSize(5).doesNotContain(u);
      for (int v : c) {
        assertThat(g.areContacts(v, u)).isTrue();
      }
    }
  }

  @Test
  void conversationsJoinOnlineContactsOnAFreshSharedDeadDropEveryRound() {
    Scenario s = Scenarios.small();
    ContactGraph g = ContactGraph.randomRegular(100, 3, new SplittableRandom(2));
    TrafficModel model = new TrafficModel(s, g, new SplittableRandom(3));
    Set<String> deadDrops = new HashSet<>();
    int talks = 0;
    BitSet everOffline = new BitSet();
    for (int r = 0; r < 300; r++) {
      RoundActivity a = model.next();
      everOffline.or(flip(a.online(), 100));
      BitSet busy = new BitSet();
      for (RoundActivity.Talk t : a.conversations()) {
        talks++;
        assertThat(g.areContacts(t.a(), t.b())).isTrue();
        assertThat(a.online().get(t.a()) && a.online().get(t.b())).isTrue();
        assertThat(busy.get(t.a()) || busy.get(t.b())).as("one conversation at a time").isFalse();
        busy.set(t.a());
        busy.set(t.b());
        assertThat(deadDrops.add(Arrays.toString(t.deadDropId()))).as("dead drop reused").isTrue();
      }
      for (RoundActivity.Message m : a.messages()) {
        assertThat(busy.get(m.sender()) && g.areContacts(m.sender(), m.recipient())).isTrue();
      }
    }
    assertThat(talks).isGreaterThan(1000);
    assertThat(everOffline.cardinality()).as("churn takes users offline").isGreaterThan(30);
  }

  private static BitSet flip(BitSet online, int users) {
    BitSet off = (BitSet) online.clone();
    off.flip(0, users);
    return off;
  }

  /**
   * With calls, a user who comes online often does so with a contact in the same round; with
   * independent churn almost never (counted from the ground truth here).
   */
  @Test
  void callsBringContactsOnlineTogetherAndIndependentChurnDoesNot() {
    Scenario calls = Scenarios.load("correlated-churn.yaml");
    Scenario.Churn c = calls.churn();
    Scenario independent = new Scenario(calls.seed(), calls.rounds(), "", calls.population(),
        calls.conversations(), new Scenario.Churn(c.meanOnlineRounds(), c.meanOfflineRounds(), 0,
            0), calls.baseline(), calls.sotto(), calls.adversary(), calls.attack());
    assertThat(sharedArrivals(calls)).isGreaterThan(0.5);
    assertThat(sharedArrivals(independent)).isLessThan(0.1);
  }

  /** The share of arrivals in which a contact of the arriving user arrives too. */
  private static double sharedArrivals(Scenario s) {
    ContactGraph g = ContactGraph.randomRegular(100, 3, new SplittableRandom(2));
    TrafficModel model = new TrafficModel(s, g, new SplittableRandom(3));
    BitSet before = model.next().online();
    long arrivals = 0;
    long shared = 0;
    for (int r = 0; r < 3000; r++) {
      BitSet now = model.next().online();
      BitSet came = (BitSet) now.clone();
      came.andNot(before);
      for (int u = came.nextSetBit(0); u >= 0; u = came.nextSetBit(u + 1)) {
        arrivals++;
        int user = u;
        shared += java.util.Arrays.stream(g.contactsOf(user)).anyMatch(came::get) ? 1 : 0;
      }
      before = now;
    }
    return shared / (double) arrivals;
  }

  /** With a daily rhythm more users come online in the day half of the cycle than at night. */
  @Test
  void aDiurnalRhythmBringsMoreArrivalsByDayThanByNight() {
    Scenario base = Scenarios.small();
    // A "day" of 1,000 rounds: 86,400,000 ms / 86,400 ms a round.
    Scenario daily = base.withSotto(new Scenario.Sotto(3, 0, 0, 86_400, false));
    daily = new Scenario(daily.seed(), daily.rounds(), "", daily.population(),
        daily.conversations(), new Scenario.Churn(50, 50, 0, 0.9), daily.baseline(),
        daily.sotto(), daily.adversary(), daily.attack());
    ContactGraph g = ContactGraph.randomRegular(100, 3, new SplittableRandom(2));
    TrafficModel model = new TrafficModel(daily, g, new SplittableRandom(3));
    BitSet before = model.next().online();
    long day = 0;
    long night = 0;
    for (int r = 1; r <= 10_000; r++) {
      BitSet now = model.next().online();
      BitSet came = (BitSet) now.clone();
      came.andNot(before);
      if (r % 1000 < 500) {
        day += came.cardinality();
      } else {
        night += came.cardinality();
      }
      before = now;
    }
    assertThat(day).isGreaterThan(night * 3 / 2);
  }
}
