package org.sotto.simulations.scenario;

import java.util.random.RandomGenerator;

/**
 * Random durations in whole rounds: geometric with the given mean (at least one round), the
 * discrete memoryless law, so sessions and conversations end at a constant rate per round.
 * Sampled by inversion: ceil(ln U / ln(1 − 1/mean)).
 */
final class Durations {
  private Durations() {}

  static long geometric(double mean, RandomGenerator random) {
    if (mean <= 1) {
      return 1;
    }
    double u = 1 - random.nextDouble(); // (0, 1]
    return Math.max(1, (long) Math.ceil(Math.log(u) / Math.log1p(-1 / mean)));
  }
}
