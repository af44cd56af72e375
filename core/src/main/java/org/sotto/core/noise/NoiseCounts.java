package org.sotto.core.noise;

import java.util.random.RandomGenerator;

/**
 * How much cover traffic one mix adds in one round: {@code singles} requests to random dead drops
 * accessed once, and {@code doubles} requests forming {@code doubles / 2} pairs that share a random
 * dead drop. The doubles count is a Laplace draw of requests rounded up to even.
 */
public record NoiseCounts(long singles, long doubles) {

  public NoiseCounts {
    if (singles < 0 || doubles < 0 || doubles % 2 != 0) {
      throw new IllegalArgumentException("noise counts are non-negative, doubles even");
    }
  }

  public static NoiseCounts sample(LaplaceNoise noise, RandomGenerator random) {
    long singles = noise.sampleCount(random);
    long doubles = noise.sampleCount(random);
    return new NoiseCounts(singles, doubles + (doubles & 1));
  }

  public long total() {
    return singles + doubles;
  }
}
