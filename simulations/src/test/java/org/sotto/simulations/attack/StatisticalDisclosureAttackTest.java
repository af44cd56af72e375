package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Danezis's own setting (SEC 2003, §3): N users, batches of B messages, the target sends one
 * message per batch to one of its m contacts chosen uniformly, the other B − 1 messages go to
 * uniformly random recipients. His bound says about m·l·(…)² ≈ 26 rounds suffice at N = 100,
 * B = 10, m = 3, l = 2; the attack must single out the three contacts well within a few hundred.
 */
class StatisticalDisclosureAttackTest {
  private static final int USERS = 100;
  private static final int BATCH = 10;
  private static final int TARGET = 0;
  private static final int[] CONTACTS = {17, 42, 73};

  @Test
  void recoversThreeContactsAmongAHundredUsersWithBatchesOfTenWithinAFewHundredRounds() {
    StatisticalDisclosureAttack attack = new StatisticalDisclosureAttack(USERS, TARGET);
    SplittableRandom random = new SplittableRandom(2003);
    for (int i = 0; i < 2000; i++) {
      attack.observe(backgroundBatch(random));
    }
    int exactFrom = -1;
    for (int round = 1; round <= 400; round++) {
      attack.observe(batchWithTarget(random));
      boolean exact = AnonymityMetrics.of(attack.scores(), java.util.Optional.empty(), TARGET, CONTACTS)
          .contactsIdentified() == 1.0;
      if (exact && exactFrom < 0) {
        exactFrom = round;
      } else if (!exact) {
        exactFrom = -1;
      }
    }
    assertThat(exactFrom).as("the contacts stay identified from some round on").isPositive()
        .isLessThanOrEqualTo(300);
    AnonymityMetrics after = AnonymityMetrics.of(attack.scores(), java.util.Optional.empty(), TARGET, CONTACTS);
    assertThat(after.contactsIdentified()).isEqualTo(1.0);
    // SDA ranks; it has no posterior, so no entropy is made up for it.
    assertThat(after.entropyBits()).isNaN();
  }

  @Test
  void learnsNothingBeforeTheTargetSendsAnything() {
    StatisticalDisclosureAttack attack = new StatisticalDisclosureAttack(USERS, TARGET);
    attack.observe(backgroundBatch(new SplittableRandom(1)));
    AnonymityMetrics m = AnonymityMetrics.of(attack.scores(), java.util.Optional.empty(), TARGET, CONTACTS);
    // All scores tie: exactly chance, m/(N − 1), whatever the order of the users.
    assertThat(m.contactsIdentified()).isCloseTo((double) CONTACTS.length / (USERS - 1), org.assertj.core.data.Offset.offset(1e-12));
  }

  private static Observation.Batch batchWithTarget(SplittableRandom random) {
    Observation.Batch b = backgroundBatch(random);
    b.senders()[0] = TARGET;
    b.recipients()[0] = CONTACTS[random.nextInt(CONTACTS.length)];
    return b;
  }

  private static Observation.Batch backgroundBatch(SplittableRandom random) {
    int[] senders = new int[BATCH];
    int[] recipients = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      senders[i] = 1 + random.nextInt(USERS - 1);
      recipients[i] = random.nextInt(USERS);
    }
    return new Observation.Batch(senders, recipients);
  }
}
