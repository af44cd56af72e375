package org.sotto.simulations.attack;

/**
 * The active count attack on Sotto: in the rounds where the adversary let only the target and one
 * candidate through ({@link Observation.Isolated}), the real double-access count is 1 if the two
 * are talking and 0 otherwise, so the noisy count is that bit plus the honest mix's pair noise,
 * Laplace(mu/2, b/2). The score of a candidate is its mean pair count over the rounds it was
 * isolated with the target online, minus the mean over all candidates (so untested candidates sit
 * at zero). Without noise one isolated round in which the two talk singles out a contact; with the
 * noise the gap is about 1 against a spread of b/sqrt(2) per round, and it takes of the order of
 * b² isolated rounds per candidate to see it — what the differential-privacy bound predicts.
 */
public final class IsolationAttack implements Attack {
  private final int target;
  private final double[] pairSum;
  private final long[] probes;
  private double totalPairs;
  private long totalProbes;

  public IsolationAttack(int users, int target) {
    this.target = target;
    this.pairSum = new double[users];
    this.probes = new long[users];
  }

  @Override
  public void observe(Observation observation) {
    if (observation instanceof Observation.Isolated isolated && isolated.target() == target
        && isolated.bothOnline()) {
      pairSum[isolated.candidate()] += isolated.pairs();
      probes[isolated.candidate()]++;
      totalPairs += isolated.pairs();
      totalProbes++;
    }
  }

  @Override
  public double[] scores() {
    double[] s = new double[pairSum.length];
    if (totalProbes == 0) {
      return s;
    }
    double mean = totalPairs / totalProbes;
    for (int c = 0; c < s.length; c++) {
      s[c] = probes[c] == 0 || c == target ? 0 : pairSum[c] / probes[c] - mean;
    }
    return s;
  }
}
