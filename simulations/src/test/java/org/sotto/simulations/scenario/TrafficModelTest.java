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
}
