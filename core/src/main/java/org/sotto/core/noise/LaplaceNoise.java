package org.sotto.core.noise;

import java.util.random.RandomGenerator;

/**
 * Samples cover-traffic counts from a Laplace(mu, b) distribution, the way Vuvuzela's code does
 * (vuvuzela/internal/laplace.go; van den Hooff et al., "Vuvuzela: Scalable Private Messaging
 * Resistant to Traffic Analysis", SOSP 2015, §6):
 *
 * <ol>
 *   <li>draw x = mu − b · sgn(u) · ln(1 − 2|u|) with u uniform on (−½, ½) (inverse CDF);
 *   <li>draw again while x is negative (a count cannot be; with mu ≫ b this almost never happens);
 *   <li>round down to an integer.
 * </ol>
 *
 * The random source is a parameter so mix nodes use {@code SecureRandom} and simulations a seeded
 * generator, with the same code.
 */
public final class LaplaceNoise {
  private final double mu;
  private final double b;

  public LaplaceNoise(double mu, double b) {
    if (!(mu >= 0) || !(b >= 0) || Double.isInfinite(mu) || Double.isInfinite(b)) {
      throw new IllegalArgumentException("noise needs finite mu >= 0 and b >= 0, got mu=" + mu
          + " b=" + b);
    }
    this.mu = mu;
    this.b = b;
  }

  public double mu() {
    return mu;
  }

  public double b() {
    return b;
  }

  /** One real-valued Laplace(mu, b) draw, possibly negative. */
  public double sampleReal(RandomGenerator random) {
    double u;
    do {
      u = random.nextDouble() - 0.5;
    } while (u == -0.5); // ln(0) at the open end of the interval
    return mu - b * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
  }

  /** A non-negative count: redrawn while negative, rounded down. */
  public long sampleCount(RandomGenerator random) {
    double x;
    do {
      x = sampleReal(random);
    } while (x < 0);
    return (long) Math.floor(x);
  }
}
