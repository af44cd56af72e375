package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ties are broken at random in expectation, checked against a brute force that draws the tie
 * order many times; an attack that knows nothing scores exactly chance, never below it.
 */
class AnonymityMetricsTest {

  @Test
  void tiedScoresGiveTheExpectedHitsOfARandomTieOrder() {
    double[] scores = {0, 5, 1, 1, 1, 1, 0, 0};
    int target = 0;
    int[] contacts = {1, 4, 7};
    double bruteForce = 0;
    SplittableRandom random = new SplittableRandom(1);
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      double[] jittered = scores.clone();
      for (int u = 0; u < jittered.length; u++) {
        jittered[u] += random.nextDouble() * 1e-6; // a random order within each tie
      }
      bruteForce += AnonymityMetrics.expectedHits(jittered, target, contacts);
    }
    assertThat(AnonymityMetrics.expectedHits(scores, target, contacts))
        .isCloseTo(bruteForce / draws, within(0.01));
  }

  @Test
  void anAttackThatKnowsNothingScoresExactlyChance() {
    int users = 50;
    AnonymityMetrics m = AnonymityMetrics.of(new double[users], Optional.empty(), 3,
        new int[] {0, 10, 49});
    assertThat(m.contactsIdentified()).isCloseTo(AnonymityMetrics.chance(users, 3),
        within(1e-12));
  }

  @Test
  void entropyComesFromThePosteriorAndIsFullWhenItIsUniform() {
    double[] uniform = new double[9];
    java.util.Arrays.fill(uniform, 3.0 / 8);
    AnonymityMetrics m = AnonymityMetrics.of(new double[9], Optional.of(uniform), 0,
        new int[] {1, 2, 3});
    assertThat(m.entropyBits()).isCloseTo(3.0, within(1e-12)); // log2(8)
    assertThat(m.degreeOfAnonymity()).isCloseTo(1.0, within(1e-12));
  }
}
