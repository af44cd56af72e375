package org.sotto.simulations.attack;

/**
 * The statistical disclosure attack (Danezis, "Statistical Disclosure Attacks", SEC 2003), in the
 * form of Mathewson and Dingledine ("Practical Traffic Analysis: Extending and Resisting
 * Statistical Disclosure", PET 2004) that allows the target several messages per batch.
 *
 * <p>Model: in a batch of B messages in which the target sent a of them, the recipient counts o
 * (a vector over users) are the target's a draws from its unknown contact distribution v plus
 * B − a draws from the background distribution u. Summed over the batches the target took part
 * in, E[Σo] = (Σa)·v + Σ(B − a)·u, so
 *
 * <pre>  v ≈ (Σo − Σ(B − a)·u) / Σa,</pre>
 *
 * with u estimated from the batches the target was absent from (uniform until there is one). The
 * contacts stand out as the largest entries of v once the noise of the other senders averages out.
 */
public final class StatisticalDisclosureAttack implements Attack {
  private final int target;
  private final double[] withTarget;
  private final double[] background;
  private double targetMessages;
  private double othersWithTarget;
  private double backgroundMessages;

  public StatisticalDisclosureAttack(int users, int target) {
    this.target = target;
    this.withTarget = new double[users];
    this.background = new double[users];
  }

  @Override
  public void observe(Observation observation) {
    if (!(observation instanceof Observation.Batch batch)) {
      return;
    }
    int fromTarget = 0;
    for (int s : batch.senders()) {
      fromTarget += s == target ? 1 : 0;
    }
    double[] into = fromTarget > 0 ? withTarget : background;
    for (int r : batch.recipients()) {
      into[r]++;
    }
    if (fromTarget > 0) {
      targetMessages += fromTarget;
      othersWithTarget += batch.recipients().length - fromTarget;
    } else {
      backgroundMessages += batch.recipients().length;
    }
  }

  @Override
  public double[] scores() {
    int users = withTarget.length;
    double[] v = new double[users];
    if (targetMessages == 0) {
      return v;
    }
    for (int j = 0; j < users; j++) {
      double u = backgroundMessages > 0 ? background[j] / backgroundMessages : 1.0 / users;
      v[j] = (withTarget[j] - othersWithTarget * u) / targetMessages;
    }
    v[target] = 0;
    return v;
  }
}
