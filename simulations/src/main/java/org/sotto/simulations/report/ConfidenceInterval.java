package org.sotto.simulations.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A 95 % confidence interval for a mean from independent units (seeds, or targets): mean ± t·s/√n
 * with Student's t quantile for n − 1 degrees of freedom, clipped to [0, 1] because the means
 * here are shares. Fewer than two units give no interval (NaN bounds), rather than a fake one.
 */
public record ConfidenceInterval(double mean, double low, double high, int units) {

  public static ConfidenceInterval of95(double[] values) {
    int n = values.length;
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    if (n < 2) {
      return new ConfidenceInterval(mean, Double.NaN, Double.NaN, n);
    }
    double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975)
        * Math.sqrt(variance / n);
    return new ConfidenceInterval(mean, Math.max(0, mean - half), Math.min(1, mean + half), n);
  }
}
