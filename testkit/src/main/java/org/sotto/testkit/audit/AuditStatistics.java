package org.sotto.testkit.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/*
 * The tests the audit uses, all from Apache Commons Math 3 (org.apache.commons.math3.stat
 * .inference), each answering "could these observations come from what the protocol promises?"
 * with a p-value:
 *
 *  - Two-sample Kolmogorov–Smirnov (Kolmogorov 1933, Smirnov 1948): do two classes of clients'
 *    submission arrival times come from one distribution? Sensitive to any difference in shape.
 *    Commons Math computes the exact p-value for small samples and the asymptotic one for large;
 *    arrival times are in nanoseconds, so ties (which the exact method mishandles) do not occur.
 *  - Mann–Whitney U (Mann & Whitney 1947; Wilcoxon rank-sum): does one class arrive
 *    systematically later than the other? Normal approximation with tie correction; more
 *    powerful than KS against a shift, which is the leak a slower code path produces.
 *  - Pearson's χ² goodness of fit (Pearson 1900): do a mix's per-round noise counts follow the
 *    Laplace draw of protocol.md §10 with the descriptor's μ and b? The exact probability of
 *    every count (truncated at zero, rounded down, doubles rounded up to even) is computed here;
 *    neighbouring counts are pooled until every bin expects at least five, Cochran's rule
 *    (Cochran 1954) for the χ² approximation to hold. Degrees of freedom: bins − 1, since
 *    nothing is estimated from the data.
 *  - The same χ² for shuffle uniformity: for a permutation drawn uniformly, where a known input
 *    lands relative to where it entered, (output − input) mod n, is uniform on 0..n−1, whatever
 *    the input. Binned into equal tenths of n with the exact expected share of each bin.
 */
final class AuditStatistics {
  /** Cochran's rule: the χ² approximation needs every bin to expect at least this many. */
  private static final double MIN_EXPECTED = 5;

  private AuditStatistics() {}

  /** Two-sample KS p-value; NaN if either sample is empty. */
  static double ksP(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return Double.NaN;
    }
    return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(a, b);
  }

  /** Two-sided Mann–Whitney U p-value; NaN if either sample is empty. */
  static double mannWhitneyP(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return Double.NaN;
    }
    return new MannWhitneyUTest().mannWhitneyUTest(a, b);
  }

  /**
   * The probability that one Laplace(μ, b) count as a mix draws it (redrawn while negative, then
   * rounded down: LaplaceNoise.sampleCount) equals {@code k}.
   */
  static double laplaceCountP(double mu, double b, long k) {
    if (k < 0) {
      return 0;
    }
    if (b == 0) { // no spread: the count is μ rounded down, every round
      return k == (long) Math.floor(mu) ? 1 : 0;
    }
    double positive = 1 - laplaceCdf(mu, b, 0);
    return (laplaceCdf(mu, b, k + 1) - laplaceCdf(mu, b, Math.max(k, 0))) / positive;
  }

  /** A conversation round's doubles: a count as above, rounded up to even (NoiseCounts). */
  static double laplaceDoublesP(double mu, double b, long k) {
    if (k < 0 || k % 2 != 0) {
      return 0;
    }
    return laplaceCountP(mu, b, k) + laplaceCountP(mu, b, k - 1);
  }

  private static double laplaceCdf(double mu, double b, double x) {
    return x < mu ? 0.5 * Math.exp((x - mu) / b) : 1 - 0.5 * Math.exp(-(x - mu) / b);
  }

  /**
   * χ² goodness-of-fit p-value of {@code observed} counts against the probability {@code pmf}
   * gives each count; 1 if there is nothing to test (no observations, or a distribution with
   * all its mass in one bin, such as b = 0, that the observations match).
   */
  static double countsFitP(long[] observed, LongToDoubleFunction pmf) {
    int n = observed.length;
    if (n == 0) {
      return 1;
    }
    // Bins of consecutive counts, from 0 up, each closed once it expects MIN_EXPECTED, until
    // what is left of the distribution expects less than that; the last bin then takes the
    // whole upper tail (and any observation beyond it).
    List<long[]> bins = new ArrayList<>(); // {from, to} inclusive
    List<Double> expected = new ArrayList<>();
    double mass = 0;
    double below = 0;
    long from = 0;
    for (long k = 0; n * (1 - below) >= MIN_EXPECTED; k++) {
      double p = pmf.applyAsDouble(k);
      mass += p;
      below += p;
      if (n * mass >= MIN_EXPECTED) {
        bins.add(new long[] {from, k});
        expected.add(n * mass);
        mass = 0;
        from = k + 1;
      }
    }
    double tail = Math.max(0, 1 - below) + mass;
    if (bins.isEmpty()) {
      bins.add(new long[] {0, Long.MAX_VALUE});
      expected.add((double) n);
    } else {
      long[] last = bins.get(bins.size() - 1);
      last[1] = Long.MAX_VALUE;
      expected.set(expected.size() - 1, expected.get(expected.size() - 1) + n * tail);
    }
    long[] counts = new long[bins.size()];
    for (long v : observed) {
      for (int i = 0; i < bins.size(); i++) {
        if (v >= bins.get(i)[0] && v <= bins.get(i)[1]) {
          counts[i]++;
          break;
        }
      }
    }
    if (bins.size() < 2) {
      // Too few observations, or a distribution (b = 0) with all its mass in one place, for a
      // χ² test: the observations fit if every one of them is possible at all.
      for (long v : observed) {
        if (pmf.applyAsDouble(v) <= 0) {
          return 0;
        }
      }
      return 1;
    }
    return chiSquareP(expected.stream().mapToDouble(Double::doubleValue).toArray(), counts);
  }

  /**
   * χ² p-value that each sample's value in 0..n_i−1 (the {@code n} of that sample) is uniform,
   * binned into {@code bins} equal shares of n.
   */
  static double uniformPositionsP(int[] values, int[] sizes, int bins) {
    if (values.length == 0) {
      return 1;
    }
    double[] expected = new double[bins];
    long[] observed = new long[bins];
    for (int s = 0; s < values.length; s++) {
      int n = sizes[s];
      for (int bin = 0; bin < bins; bin++) {
        expected[bin] += (double) positionsInBin(n, bins, bin) / n;
      }
      observed[(int) ((long) values[s] * bins / n)]++;
    }
    return chiSquareP(expected, observed);
  }

  /** How many of the positions 0..n−1 fall in {@code bin}: those with ⌊p·bins/n⌋ = bin. */
  private static long positionsInBin(int n, int bins, int bin) {
    long first = ceilDiv((long) bin * n, bins);
    long next = ceilDiv((long) (bin + 1) * n, bins);
    return next - first;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static double chiSquareP(double[] expected, long[] observed) {
    // Commons Math wants every expected count positive; a bin no sample can reach drops out.
    List<Double> e = new ArrayList<>();
    List<Long> o = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] > 0) {
        e.add(expected[i]);
        o.add(observed[i]);
      } else if (observed[i] > 0) {
        return 0; // an observation where none is possible
      }
    }
    if (e.size() < 2) {
      return 1;
    }
    return new ChiSquareTest().chiSquareTest(e.stream().mapToDouble(Double::doubleValue).toArray(),
        o.stream().mapToLong(Long::longValue).toArray());
  }
}
