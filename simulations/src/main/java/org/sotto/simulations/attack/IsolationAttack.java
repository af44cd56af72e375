package org.sotto.simulations.attack;

/**
 * The active count attack on Sotto: in the rounds where the adversary let only the target and one
 * candidate through ({@link Observation.Isolated}), the real double-access count is 1 if the two
 * are talking and 0 otherwise, so the noisy count is that bit plus the honest mix's pair noise,
 * Laplace(mu/2, b/2). The score of a candidate is its mean pair count over the rounds it was
 * isolated with the target online, minus the mean over all candidates. A candidate not yet
 * isolated gets the average score of those that were (clipped at zero, as the metrics read it):
 * the adversary knows nothing about it, so it is as suspect as a typical candidate, and the
 * anonymity metrics do not mistake "never tested" for "cleared". Without noise one isolated round in which the two talk singles out a contact; with the
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
    double suspicion = 0;
    int tested = 0;
    for (int c = 0; c < s.length; c++) {
      if (probes[c] > 0 && c != target) {
        s[c] = pairSum[c] / probes[c] - mean;
        suspicion += Math.max(0, s[c]);
        tested++;
      }
    }
    for (int c = 0; c < s.length; c++) {
      if (probes[c] == 0 && c != target) {
        s[c] = suspicion / tested;
      }
    }
    return s;
  }
}
