package org.sotto.simulations.attack;

import java.util.BitSet;
import java.util.Optional;

/**
 * A likelihood attack on the noisy dead-drop counts, read where they move: in the rounds in
 * which the target, or a candidate, comes online or goes offline.
 *
 * <p>Observation. With o users online and p real conversations, the dead drops see p pairs and
 * o − 2p singles, plus the honest mixes' noise. Both {@code pairs} and (o − singles)/2 estimate p
 * (each with one independent noise draw per honest mix), so y = (pairs + (o − singles)/2)/2 is
 * their best linear combination (half the variance of either). Noise means are constant and
 * cancel in the change Δy_r = y_r − y_(r−1).
 *
 * <p>Model. Only rounds in which the target comes online or goes offline are used. Let
 * s_t(r) = ±1 be the target's move, x_c(r) = [target and c both online in round r] and
 * d_c(r) = x_c(r) − x_c(r−1). Whoever the partner, the count tends to move with the target
 * (it may start or end a conversation), so the model has a term for that: Δy_r = α·s_t(r) +
 * θ·d_c(r) + e_r. What singles out c is the excess θ of the move when c is online to be the
 * partner (H1(c): θ free; H0(c): θ = 0). The residual e_r (everyone else's conversations starting
 * and ending, and the noise) is taken as Gaussian with the variance σ² of Δy over all rounds.
 * Partialling α out (the Frisch–Waugh–Lovell theorem) leaves S = Σd² − (Σd·s_t)²/Σs_t² and
 * T = Σd·Δy − (Σd·s_t)(Σs_t·Δy)/Σs_t², and with a prior θ ~ N(0, 1) the Bayes factor of H1
 * against H0 has the closed form of Bayesian linear regression (e.g. Bishop, "Pattern
 * Recognition and Machine Learning", 2006, §3.3–3.4):
 *
 * <pre>  ln BF = −½ ln(1 + S/σ²) + T² / (2σ²(σ² + S)),</pre>
 *
 * its evidence term counted against c when T &lt; 0 (θ is a share, never negative). The posterior
 * that c is a contact is π·BF / (π·BF + 1 − π), with the prior π = m/(N − 1), candidates taken as
 * independent. Without noise σ² is the churn of other conversations only, and a handful of
 * flips single out a partner; with Laplace noise of scale b per honest mix σ² grows by about b²
 * per mix, and the evidence T²/σ² grows only with S/b², as the differential-privacy bound says
 * it must.
 */
public final class CountLikelihoodAttack implements Attack {
  /** Keeps σ² positive when nothing but the target moves (no noise, no other churn). */
  private static final double LEAST_VARIANCE = 0.05;

  private final int target;
  private final double prior;
  /** Per candidate: Σ d², Σ d·s_t, Σ d·Δy over the target's moves. */
  private final double[] dd;
  private final double[] dt;
  private final double[] dy;
  private double tt;
  private double ty;
  private BitSet online;
  private BitSet previousOnline;
  private boolean hasPreviousCount;
  private double previousY;
  private long changes;
  private double sumChange;
  private double sumChangeSquared;

  public CountLikelihoodAttack(Knowledge k) {
    this.target = k.target();
    this.prior = k.prior();
    dd = new double[k.users()];
    dt = new double[k.users()];
    dy = new double[k.users()];
  }

  @Override
  public void observe(Observation observation) {
    if (observation instanceof Observation.Presence presence) {
      previousOnline = online;
      online = presence.online();
    } else if (observation instanceof Observation.Counts counts && online != null) {
      double y = (counts.pairs() + (online.cardinality() - counts.singles()) / 2.0) / 2.0;
      if (hasPreviousCount && previousOnline != null) {
        learn(y - previousY);
      }
      hasPreviousCount = true;
      previousY = y;
    }
  }

  private void learn(double change) {
    changes++;
    sumChange += change;
    sumChangeSquared += change * change;
    boolean now = online.get(target);
    boolean before = previousOnline.get(target);
    int targetMove = (now ? 1 : 0) - (before ? 1 : 0);
    if (targetMove == 0) {
      return;
    }
    tt += 1;
    ty += targetMove * change;
    BitSet either = (BitSet) online.clone();
    either.or(previousOnline);
    for (int c = either.nextSetBit(0); c >= 0; c = either.nextSetBit(c + 1)) {
      int d = (now && online.get(c) ? 1 : 0) - (before && previousOnline.get(c) ? 1 : 0);
      if (d != 0 && c != target) {
        dd[c] += 1;
        dt[c] += d * targetMove;
        dy[c] += d * change;
      }
    }
  }

  private double variance() {
    if (changes < 2) {
      return 1;
    }
    double mean = sumChange / changes;
    return Math.max(LEAST_VARIANCE, sumChangeSquared / changes - mean * mean);
  }

  /** ln BF of H1(c) against H0(c), α partialled out, evidence against c when T &lt; 0. */
  private double logBayesFactor(int c, double variance) {
    double s = tt > 0 ? Math.max(0, dd[c] - dt[c] * dt[c] / tt) : dd[c];
    double t = tt > 0 ? dy[c] - dt[c] * ty / tt : dy[c];
    return -0.5 * Math.log1p(s / variance)
        + Math.signum(t) * t * t / (2 * variance * (variance + s));
  }

  @Override
  public double[] scores() {
    double variance = variance();
    double[] s = new double[dd.length];
    for (int c = 0; c < s.length; c++) {
      if (c != target) {
        s[c] = logBayesFactor(c, variance);
      }
    }
    return s;
  }

  @Override
  public Optional<double[]> posterior() {
    double variance = variance();
    double[] p = new double[dd.length];
    double logPriorOdds = Math.log(prior / (1 - prior));
    for (int c = 0; c < p.length; c++) {
      if (c != target) {
        p[c] = 1 / (1 + Math.exp(-(logPriorOdds + logBayesFactor(c, variance))));
      }
    }
    return Optional.of(p);
  }
}
