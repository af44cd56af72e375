package org.sotto.simulations.privacy;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * A privacy-loss distribution (PLD) on a grid: the distribution of the privacy loss
 * L = ln(p(o)/q(o)) of an observation o drawn with a user's action (p) against without it (q).
 * Composing mechanisms adds their losses, so the PLD of k rounds is the k-fold convolution of one
 * round's, and the tightest delta for an epsilon is
 *
 * <pre>  δ(ε) = E[(1 − e^(ε − L))⁺]</pre>
 *
 * (Sommer, Meiser and Mohammadi, "Privacy Loss Classes: The Central Limit Theorem in
 * Differential Privacy", PoPETs 2019; Meiser and Mohammadi, "Tight on Budget? Tight Bounds for
 * r-Fold Approximate Differential Privacy", CCS 2018, the "privacy buckets"; Koskela, Jälkö and
 * Honkela, "Computing Tight Differential Privacy Guarantees Using FFT", AISTATS 2020, for the
 * FFT composition).
 *
 * <p>Discretisation. Losses are rounded <em>up</em> to the grid k·h, which can only raise δ(ε),
 * so every delta computed here is an upper bound. For Laplace counts the grid step is
 * ε0/M with ε0 = Δ/b, so the loss's two atoms (±ε0, probability ½ and ½e^(−ε0)) sit on the
 * grid exactly and only its continuous part, of probability ½(1 − e^(−ε0)) per count, is
 * rounded: over k rounds the rounding adds about k·ε0·h to the loss, not k·h.
 *
 * <p>Composition. k-fold self-convolution is done in the Fourier domain (raise each coefficient
 * to the k-th power, transform back) on a window of ±12 standard deviations of the composed loss
 * around its mean. Mass outside the window wraps around (circular convolution); what wraps from
 * below only raises losses (safe), and what could wrap from above is at most the Hoeffding bound
 * exp(−2t²/(k·r²)) for a loss of range r per round and a distance t above the mean, which is
 * added to every delta ({@link #tailBound()}).
 */
public final class PrivacyLossDistribution {
  private static final double WINDOW_DEVIATIONS = 12;

  private final double step;
  private final long firstIndex;
  private final double[] mass;
  private final double tailBound;

  private PrivacyLossDistribution(double step, long firstIndex, double[] mass,
      double tailBound) {
    this.step = step;
    this.firstIndex = firstIndex;
    this.mass = mass;
    this.tailBound = tailBound;
  }

  /**
   * One Laplace count: the true count moves by {@code sensitivity}, the noise has scale b. With
   * x the noise, L = (|x − Δ| − |x|)/b: ε0 = Δ/b when x ≤ 0 (probability ½), −ε0 when x ≥ Δ
   * (probability ½e^(−ε0)), and (Δ − 2x)/b in between, where x has density e^(−x/b)/(2b).
   */
  public static PrivacyLossDistribution laplace(double sensitivity, double b, double step) {
    double eps0 = sensitivity / b;
    long low = ceilToGrid(-eps0, step);
    long high = ceilToGrid(eps0, step);
    double[] mass = new double[(int) (high - low + 1)];
    mass[0] += 0.5 * Math.exp(-eps0);
    mass[mass.length - 1] += 0.5;
    for (long i = low; i <= high; i++) {
      // Losses in ((i − 1)h, ih] come from noise x in [(Δ − ih·b)/2, (Δ − (i − 1)h·b)/2).
      double x1 = Math.max(0, (sensitivity - i * step * b) / 2);
      double x2 = Math.min(sensitivity, (sensitivity - (i - 1) * step * b) / 2);
      if (x2 > x1) {
        mass[(int) (i - low)] += 0.5 * Math.exp(-x1 / b) * -Math.expm1(-(x2 - x1) / b);
      }
    }
    return new PrivacyLossDistribution(step, low, mass, 0);
  }

  /** The smallest grid index whose loss is at or above {@code loss} (exact multiples kept). */
  private static long ceilToGrid(double loss, double step) {
    double k = loss / step;
    long nearest = Math.round(k);
    return Math.abs(k - nearest) < 1e-9 ? nearest : (long) Math.ceil(k);
  }

  /** Both mechanisms on the same input, released together: their losses add (convolution). */
  public PrivacyLossDistribution and(PrivacyLossDistribution other) {
    if (other.step != step) {
      throw new IllegalArgumentException("compose distributions on the same grid");
    }
    double[] out = new double[mass.length + other.mass.length - 1];
    for (int i = 0; i < mass.length; i++) {
      for (int j = 0; j < other.mass.length; j++) {
        out[i + j] += mass[i] * other.mass[j];
      }
    }
    return new PrivacyLossDistribution(step, firstIndex + other.firstIndex, out,
        tailBound + other.tailBound);
  }

  /** This mechanism run {@code k} times, composed in the Fourier domain. */
  public PrivacyLossDistribution composed(long k) {
    if (k < 1) {
      throw new IllegalArgumentException("compose at least once, got " + k);
    }
    double mean = 0;
    double second = 0;
    for (int i = 0; i < mass.length; i++) {
      double loss = (firstIndex + i) * step;
      mean += mass[i] * loss;
      second += mass[i] * loss * loss;
    }
    double deviation = Math.sqrt(Math.max(0, k * (second - mean * mean)));
    long fullSpan = (mass.length - 1) * k + 1;
    long windowSpan = (long) Math.ceil(2 * WINDOW_DEVIATIONS * deviation / step) + mass.length;
    boolean wholeSupport = fullSpan <= windowSpan;
    long needed = wholeSupport ? fullSpan : windowSpan;
    if (needed > 1 << 26) {
      throw new IllegalStateException("composing " + k + " rounds needs a window of " + needed
          + " grid points; use a coarser step");
    }
    int n = 1;
    while (n < needed) {
      n *= 2;
    }
    double[][] data = new double[2][n];
    System.arraycopy(mass, 0, data[0], 0, mass.length);
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD,
        TransformType.FORWARD);
    for (int f = 0; f < n; f++) {
      double r = Math.hypot(data[0][f], data[1][f]);
      double angle = Math.atan2(data[1][f], data[0][f]);
      double rk = r == 0 ? 0 : Math.exp(k * Math.log(r));
      double phase = Math.IEEEremainder(k * angle, 2 * Math.PI);
      data[0][f] = rk * Math.cos(phase);
      data[1][f] = rk * Math.sin(phase);
    }
    FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD,
        TransformType.INVERSE);
    // Offsets j (from k·firstIndex) are known modulo n: take the n around the composed mean.
    long center = Math.round(k * mean / step) - k * firstIndex;
    long from = wholeSupport ? 0 : Math.max(0, center - n / 2);
    double[] out = new double[n];
    for (int m = 0; m < n; m++) {
      long j = from + Math.floorMod(m - from, (long) n);
      out[(int) (j - from)] = Math.max(0, data[0][m]);
    }
    double tail = 0;
    if (!wholeSupport) {
      double range = (mass.length - 1) * step;
      double above = (from + n - center) * step;
      tail = Math.exp(-2 * above * above / (k * range * range));
    }
    return new PrivacyLossDistribution(step, k * firstIndex + from, out,
        k * tailBound + tail);
  }

  /** δ(ε) = E[(1 − e^(ε − L))⁺] plus the wrap-around bound: an upper bound. */
  public double delta(double epsilon) {
    double d = tailBound;
    for (int i = 0; i < mass.length; i++) {
      double loss = (firstIndex + i) * step;
      if (loss > epsilon) {
        d += mass[i] * -Math.expm1(epsilon - loss);
      }
    }
    return Math.min(1, d);
  }

  /** The least epsilon with δ(ε) ≤ {@code delta}, by bisection (δ falls as ε grows). */
  public double epsilon(double delta) {
    double high = (firstIndex + mass.length) * step;
    if (delta(0) <= delta) {
      return 0;
    }
    if (delta(high) > delta) {
      return Double.POSITIVE_INFINITY; // the wrap-around bound alone is over budget
    }
    double low = 0;
    for (int i = 0; i < 200 && high - low > 1e-12; i++) {
      double mid = (low + high) / 2;
      if (delta(mid) <= delta) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  /** The Hoeffding bound on mass that wrapped around the composition window. */
  public double tailBound() {
    return tailBound;
  }

  public double totalMass() {
    double sum = 0;
    for (double m : mass) {
      sum += m;
    }
    return sum;
  }
}
