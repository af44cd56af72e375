package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * Adaptive group testing against a brute-force oracle: the pair count of a probe is the number of
 * talking pairs with both partners let through, counted here directly. Without noise it must find
 * the partner in about 2·log2 N probes (halving, two probes a test, one confirming test).
 */
class GroupTestingAttackTest {
  private static final int USERS = 1024;
  private static final int TARGET = 17;
  private static final int PARTNER = 600;
  /** Other pairs that talk among themselves, to confuse a one-probe test. */
  private static final int[][] OTHER_PAIRS = {{3, 4}, {100, 101}, {599, 601}, {900, 901}};

  @Test
  void findsThePartnerInAboutTwoLog2NProbes() {
    GroupTestingAttack attack = new GroupTestingAttack(new Knowledge(USERS, TARGET, 1, 0, 0));
    BitSet everyone = new BitSet();
    everyone.set(0, USERS);
    int probes = 0;
    while (attack.scores()[PARTNER] == 0 && probes < 200) {
      BitSet let = attack.letThrough(everyone);
      attack.observe(new Observation.Probe(probes, TARGET, let, 0, talkingPairsWithin(let), 0));
      probes++;
    }
    double log2 = Math.log(USERS - 1) / Math.log(2);
    assertThat(attack.scores()[PARTNER]).isPositive();
    assertThat(probes).isLessThanOrEqualTo((int) Math.ceil(2 * log2) + 2);
    assertThat(AnonymityMetrics.topSuspectsAreContacts(attack.scores(), TARGET,
        new int[] {PARTNER})).isTrue();
  }

  @Test
  void aTargetThatTalksToNobodyIsPinnedOnNobody() {
    GroupTestingAttack attack = new GroupTestingAttack(new Knowledge(64, 1, 1, 0, 0));
    BitSet everyone = new BitSet();
    everyone.set(0, 64);
    for (int i = 0; i < 200; i++) {
      BitSet let = attack.letThrough(everyone);
      attack.observe(new Observation.Probe(i, 1, let, 0, 0, 0));
    }
    assertThat(attack.scores()).containsOnly(0.0);
  }

  private static long talkingPairsWithin(BitSet let) {
    long pairs = let.get(TARGET) && let.get(PARTNER) ? 1 : 0;
    for (int[] p : OTHER_PAIRS) {
      pairs += let.get(p[0]) && let.get(p[1]) ? 1 : 0;
    }
    return pairs;
  }
}
