package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;

/** The exact law of one mix's noise pairs against the servers' own sampler, drawn many times. */
class PairNoiseTest {

  @Test
  void oneMixsNoisePairsFollowTheExactLawTheServersSamplerDraws() {
    double mu = 20;
    double b = 5;
    PairNoise law = new PairNoise(mu, b, 1);
    LaplaceNoise sampler = new LaplaceNoise(mu, b);
    SplittableRandom random = new SplittableRandom(4);
    int draws = 400_000;
    long[] seen = new long[200];
    for (int i = 0; i < draws; i++) {
      seen[(int) Math.min(199, NoiseCounts.sample(sampler, random).doubles() / 2)]++;
    }
    double total = 0;
    for (int k = 0; k < 199; k++) {
      double p = Math.exp(law.logProbability(k));
      total += p;
      assertThat(seen[k] / (double) draws).as("k = %d", k).isCloseTo(p, within(0.003));
    }
    assertThat(total).isCloseTo(1, within(1e-9));
    assertThat(law.logProbability(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void withoutNoiseTheNoisePairsAreKnownExactly() {
    PairNoise none = new PairNoise(0, 0, 1);
    assertThat(none.logProbability(0)).isZero();
    assertThat(none.logProbability(1)).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
