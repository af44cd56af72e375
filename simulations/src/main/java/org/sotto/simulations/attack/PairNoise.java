package org.sotto.simulations.attack;

/**
 * The law of the noise pairs that honest mixes add to the double-access count, as the adversary
 * knows it from the published noise parameters: one mix draws X ~ Laplace(mu, b), redraws while
 * negative, rounds down, rounds up to even and halves ({@link org.sotto.core.noise.NoiseCounts}),
 * so it adds k pairs exactly when X falls in [2k − 1, 2k + 1). For one honest mix that gives the
 * exact probability of each k; for several, a normal law with their summed mean mu/2 and
 * variance b²/2 each (the central limit theorem; an approximation the report does not hide).
 * Without noise (b = 0) the count of noise pairs is known exactly.
 */
final class PairNoise {
  private final double mu;
  private final double b;
  private final int mixes;

  PairNoise(double mu, double b, int mixes) {
    this.mu = mu;
    this.b = b;
    this.mixes = mixes;
  }

  /** ln P(noise pairs = k); −∞ where impossible. */
  double logProbability(long k) {
    if (mixes == 0 || b == 0) {
      long fixed = mixes == 0 ? 0 : mixes * ((long) Math.floor(mu) + ((long) Math.floor(mu) & 1))
          / 2;
      return k == fixed ? 0 : Double.NEGATIVE_INFINITY;
    }
    if (mixes > 1) {
      double mean = mixes * mu / 2;
      double variance = mixes * b * b / 2;
      return -(k - mean) * (k - mean) / (2 * variance) - 0.5 * Math.log(2 * Math.PI * variance);
    }
    if (k < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double from = Math.max(0, 2.0 * k - 1);
    double to = 2.0 * k + 1;
    double kept = 1 - 0.5 * Math.exp(-mu / b); // P(X >= 0) before the redraw
    return logLaplaceMass(from, to) - Math.log(kept);
  }

  /** ln P(a ≤ X < c) for X ~ Laplace(mu, b), computed in the tail where it is smallest. */
  private double logLaplaceMass(double a, double c) {
    if (a >= mu) {
      return Math.log(0.5) - (a - mu) / b + Math.log(-Math.expm1(-(c - a) / b));
    }
    if (c <= mu) {
      return Math.log(0.5) + (c - mu) / b + Math.log(-Math.expm1(-(c - a) / b));
    }
    return Math.log(1 - 0.5 * Math.exp(-(c - mu) / b) - 0.5 * Math.exp((a - mu) / b));
  }
}
