package org.sotto.simulations.attack;

/**
 * The count attack on Sotto: the adversary sees who is online each round and how many dead drops
 * were accessed once (singles) and twice (pairs). If the target and a contact talk whenever both
 * are online, the number of real conversations rises in exactly the rounds where both are online.
 *
 * <p>Estimate of the real conversations in a round. Every online user sends one request, so with
 * o users online and p real pairs, the real singles are o − 2p: both {@code pairs} and
 * {@code (o − singles) / 2} estimate p, each carrying one independent Laplace draw of variance
 * b²/2 (the pairs' noise is Laplace(mu/2, b/2) per mix; the singles' Laplace(mu, b), halved).
 * Their average y = (pairs + (o − singles)/2) / 2 halves the noise variance, the best linear
 * combination of the two counts. The noise means are constant and drop out below.
 *
 * <p>Test. For each candidate c, regress y on the online count o and the indicator
 * I = [target and c both online] by least squares (the Frisch–Waugh–Lovell form: partial o out of
 * y and I, then β = cov(y, I | o) / var(I | o)). β estimates how many more conversations run
 * when both are online than the online count alone predicts: about the share of time the two
 * talk for a contact, zero for anyone else. Without noise this finds contacts; with Laplace noise
 * of scale b the error of β is about b / sqrt(rounds with both online), which is what the
 * differential-privacy bound promises.
 */
public final class CountAttack implements Attack {
  private final int target;
  private final long[] together;
  private final double[] togetherY;
  private final double[] togetherO;
  private long rounds;
  private double sumO;
  private double sumOO;
  private double sumY;
  private double sumOY;
  private boolean anchored;
  private double y0;
  private double o0;
  private java.util.BitSet onlineNow;

  public CountAttack(Knowledge k) {
    this.target = k.target();
    this.together = new long[k.users()];
    this.togetherY = new double[k.users()];
    this.togetherO = new double[k.users()];
  }

  @Override
  public void observe(Observation observation) {
    if (observation instanceof Observation.Presence presence) {
      onlineNow = presence.online();
      return;
    }
    if (!(observation instanceof Observation.Counts counts) || onlineNow == null) {
      return;
    }
    int online = onlineNow.cardinality();
    double y = (counts.pairs() + (online - counts.singles()) / 2.0) / 2.0;
    if (!anchored) {
      // Shift y and o by their first values: slopes do not change, rounding error shrinks.
      anchored = true;
      y0 = y;
      o0 = online;
    }
    double dy = y - y0;
    double dOnline = online - o0;
    rounds++;
    sumO += dOnline;
    sumOO += dOnline * dOnline;
    sumY += dy;
    sumOY += dOnline * dy;
    if (onlineNow.get(target)) {
      var bits = onlineNow;
      for (int c = bits.nextSetBit(0); c >= 0; c = bits.nextSetBit(c + 1)) {
        together[c]++;
        togetherY[c] += dy;
        togetherO[c] += dOnline;
      }
    }
  }

  @Override
  public double[] scores() {
    double[] beta = new double[together.length];
    if (rounds < 2) {
      return beta;
    }
    double n = rounds;
    double coo = sumOO - sumO * sumO / n;
    double coy = sumOY - sumO * sumY / n;
    for (int c = 0; c < beta.length; c++) {
      double si = together[c];
      if (c == target || si == 0 || si == n) {
        continue;
      }
      double cii = si - si * si / n;
      double cio = togetherO[c] - sumO * si / n;
      double ciy = togetherY[c] - si * sumY / n;
      double num = coo > 1e-9 ? ciy - cio * coy / coo : ciy;
      double den = coo > 1e-9 ? cii - cio * cio / coo : cii;
      beta[c] = den > 1e-9 ? num / den : 0;
    }
    return beta;
  }
}
