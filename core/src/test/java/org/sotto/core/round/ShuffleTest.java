package org.sotto.core.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShuffleTest {

  @Test
  void emptyAndSingletonShuffles() {
    assertThat(Shuffle.random(0, new SplittableRandom(1)).size()).isZero();
    Shuffle one = Shuffle.random(1, new SplittableRandom(1));
    assertThat(one.source(0)).isZero();
  }

  @Test
  void applyPutsSourceIAtPositionI() {
    Shuffle s = Shuffle.random(50, new SplittableRandom(5));
    Integer[] original = new Integer[50];
    for (int i = 0; i < 50; i++) {
      original[i] = 1000 + i;
    }
    Integer[] shuffled = new Integer[50];
    s.apply(original, shuffled);
    for (int i = 0; i < 50; i++) {
      assertThat(shuffled[i]).isEqualTo(original[s.source(i)]);
    }
  }

  /**
   * Chi-square over positions: for n = 6 and 120,000 seeded shuffles, how often each item lands
   * at each position (36 cells, expected 20,000 each, 25 degrees of freedom). The 0.1 % critical
   * value is 52.6; the naive "swap with any index" shuffle scores in the thousands here.
   */
  @Test
  void everyItemIsEquallyLikelyAtEveryPosition() {
    int n = 6;
    int trials = 120_000;
    long[][] counts = new long[n][n];
    SplittableRandom random = new SplittableRandom(12345);
    for (int t = 0; t < trials; t++) {
      Shuffle s = Shuffle.random(n, random);
      for (int pos = 0; pos < n; pos++) {
        counts[s.source(pos)][pos]++;
      }
    }
    double expected = trials / (double) n;
    double chi2 = 0;
    for (long[] row : counts) {
      for (long c : row) {
        chi2 += (c - expected) * (c - expected) / expected;
      }
    }
    assertThat(chi2).isLessThan(52.6);
  }

  /** Chi-square over the 24 permutations of 4 items (23 degrees of freedom, 0.1 %: 49.7). */
  @Test
  void everyPermutationIsEquallyLikely() {
    int trials = 240_000;
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(777);
    for (int t = 0; t < trials; t++) {
      Shuffle s = Shuffle.random(4, random);
      int[] p = new int[4];
      for (int i = 0; i < 4; i++) {
        p[i] = s.source(i);
      }
      counts.merge(Arrays.toString(p), 1, Integer::sum);
    }
    assertThat(counts).hasSize(24);
    double expected = trials / 24.0;
    double chi2 = counts.values().stream()
        .mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    assertThat(chi2).isLessThan(49.7);
  }
}
