package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HittingSetAttackTest {
  private static final int TARGET = 0;

  @Test
  void keepsOnlyMinimalHittingSetsAndNarrowsToTheContacts() {
    HittingSetAttack attack = new HittingSetAttack(10, TARGET, 2);
    // Contacts 1 and 2. Each batch the target sends into holds one of them.
    attack.observe(batch(1, 5, 6));
    attack.observe(batch(2, 7, 8));
    assertThat(attack.hypotheses()).isEqualTo(9); // {1,5,6} × {2,7,8}
    attack.observe(batch(1, 7, 9));
    // {1,x} for x in {2,7,8}, plus {5,7},{6,7}: the minimal sets of size <= 2 hitting all three.
    assertThat(attack.hypotheses()).isEqualTo(5);
    attack.observe(batch(2, 5, 3));
    attack.observe(batch(1, 8, 4));
    attack.observe(batch(2, 6, 9));
    assertThat(attack.hypotheses()).isEqualTo(1);
    double[] s = attack.scores();
    assertThat(s[1]).isEqualTo(1.0);
    assertThat(s[2]).isEqualTo(1.0);
    assertThat(AnonymityMetrics.of(s, java.util.Optional.empty(), TARGET, new int[] {1, 2}).contactsIdentified())
        .isEqualTo(1.0);
  }

  @Test
  void ignoresBatchesTheTargetDidNotSendInto() {
    HittingSetAttack attack = new HittingSetAttack(10, TARGET, 2);
    attack.observe(new Observation.Batch(new int[] {3, 4}, new int[] {5, 6}));
    assertThat(attack.hypotheses()).isZero();
  }

  private static Observation.Batch batch(int... recipients) {
    int[] senders = new int[recipients.length];
    senders[0] = TARGET;
    for (int i = 1; i < senders.length; i++) {
      senders[i] = 9;
    }
    return new Observation.Batch(senders, recipients);
  }

  @Test
  void givesUpAtItsCapSaysSoAndScoresChanceNotBelow() {
    HittingSetAttack attack = new HittingSetAttack(400, 0, 3);
    // Three disjoint recipient sets of 60: 60 × 60 × 60 = 216,000 minimal hitting sets.
    for (int batch = 0; batch < 3; batch++) {
      int block = batch;
      int[] recipients = java.util.stream.IntStream.range(0, 60)
          .map(i -> 1 + 60 * block + i).toArray();
      int[] senders = new int[60];
      attack.observe(new Observation.Batch(senders, recipients));
    }
    assertThat(attack.gaveUp()).hasValueSatisfying(reason ->
        assertThat(reason).contains("gave up").contains("200000"));
    int[] contacts = {1, 61, 121};
    assertThat(AnonymityMetrics.of(attack.scores(), attack.posterior(), 0, contacts)
        .contactsIdentified()).isCloseTo(3.0 / 399, org.assertj.core.data.Offset.offset(1e-12));
  }
}
