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
 * <p>Model: the real client's permanent conversations, where a pair shows in every round both
 * partners are online. Let x_c(r) = [target and c both online in round r], d_c(r) = x_c(r) −
 * x_c(r−1) its change, and s_t(r), s_c(r) the changes of the target's and of c's own presence
 * (+1 coming online, −1 leaving). When anyone comes or goes the count moves if its own partner
 * is online, whoever that is; what singles out c is the part of the move that goes with the pair:
 * Δy_r = α·s_t(r) + β·s_c(r) + θ·d_c(r) + e_r, where θ is 1 for the target's partner and 0 for
 * anyone else (H1(c): θ free; H0(c): θ = 0). The residual e_r (everyone else's moves, and the
 * noise) is taken as Gaussian with a variance that grows with the number m_r of other users who
 * came or went that round, σ_r² = σ0² + v·m_r (each of them moves the count if its partner is
 * online; the noise gives σ0²); σ0² and v are fitted to the variance of Δy per m by least
 * squares, and rounds are weighted by 1/σ_r² (the adversary sees m_r: it sees who is online).
 * Partialling α and β out (the Frisch–Waugh–Lovell theorem) leaves S = Σ w·d'² and
 * T = Σ w·d'·Δy for the residual d' of d_c, and with a prior θ ~ N(0, 1) the Bayes factor of H1
 * against H0 has the closed form of Bayesian linear regression (e.g. Bishop, "Pattern
 * Recognition and Machine Learning", 2006, §3.3–3.4):
 *
 * <pre>  ln BF = −½ ln(1 + S) + T² / (2(1 + S)),</pre>
 *
 * its evidence term counted against c when T &lt; 0 (θ is never negative). The posterior
 * that c is a contact is π·BF / (π·BF + 1 − π), with the prior π = m/(N − 1), candidates taken as
 * independent. Without noise σ² is the churn of other conversations only, and a handful of
 * flips single out a partner; with Laplace noise of scale b per honest mix σ² grows by about b²
 * per mix, and the evidence T²/σ² grows only with S/b², as the differential-privacy bound says
 * it must.
 */
public final class CountLikelihoodAttack implements Attack {
  /** Keeps σ0² positive when nothing but the movers moves the count (no noise). */
  private static final double LEAST_VARIANCE = 0.05;
  /** Rounds with this many other movers or more share one variance class. */
  private static final int MOVER_CLASSES = 16;

  private final int target;
  private final double prior;
  private final int users;
  /** Per class of rounds (by other movers): the sums of {@link Sums}. */
  private final Sums[] classes = new Sums[MOVER_CLASSES];
  private BitSet online;
  private BitSet previousOnline;
  private boolean hasPreviousCount;
  private double previousY;

  /**
   * Least-squares sums over the rounds of one variance class: per candidate Σd², Σd·s_c, Σs_c²,
   * Σd·s_t, Σs_c·s_t, Σd·Δy, Σs_c·Δy; for the target Σs_t², Σs_t·Δy; and Δy's moments.
   */
  private static final class Sums {
    final double[] dd;
    final double[] ds;
    final double[] ss;
    final double[] dt;
    final double[] st;
    final double[] dy;
    final double[] sy;
    double tt;
    double ty;
    long rounds;
    double sumChange;
    double sumChangeSquared;

    Sums(int users) {
      dd = new double[users];
      ds = new double[users];
      ss = new double[users];
      dt = new double[users];
      st = new double[users];
      dy = new double[users];
      sy = new double[users];
    }
  }

  public CountLikelihoodAttack(Knowledge k) {
    this.target = k.target();
    this.prior = k.prior();
    this.users = k.users();
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
    boolean now = online.get(target);
    boolean before = previousOnline.get(target);
    int targetMove = (now ? 1 : 0) - (before ? 1 : 0);
    BitSet moved = (BitSet) online.clone();
    moved.xor(previousOnline);
    int others = moved.cardinality() - (targetMove != 0 ? 1 : 0);
    int k = Math.min(MOVER_CLASSES - 1, others);
    if (classes[k] == null) {
      classes[k] = new Sums(users);
    }
    Sums sums = classes[k];
    sums.rounds++;
    sums.sumChange += change;
    sums.sumChangeSquared += change * change;
    sums.tt += targetMove * targetMove;
    sums.ty += targetMove * change;
    // Every candidate with d ≠ 0 or s_c ≠ 0: all who were online if the target moved, else
    // those who moved themselves.
    BitSet candidates = moved;
    if (targetMove != 0) {
      candidates = (BitSet) online.clone();
      candidates.or(previousOnline);
    }
    for (int c = candidates.nextSetBit(0); c >= 0; c = candidates.nextSetBit(c + 1)) {
      if (c == target) {
        continue;
      }
      int d = (now && online.get(c) ? 1 : 0) - (before && previousOnline.get(c) ? 1 : 0);
      int s = (online.get(c) ? 1 : 0) - (previousOnline.get(c) ? 1 : 0);
      sums.dd[c] += d * d;
      sums.ds[c] += d * s;
      sums.ss[c] += s * s;
      sums.dt[c] += d * targetMove;
      sums.st[c] += s * targetMove;
      sums.dy[c] += d * change;
      sums.sy[c] += s * change;
    }
  }

  /**
   * The weight 1/σ_m² of each class: σ_m² = σ0² + v·m fitted by least squares to each class's
   * variance of Δy, weighted by its number of rounds.
   */
  private double[] weights() {
    double n = 0;
    double sm = 0;
    double smm = 0;
    double sv = 0;
    double smv = 0;
    double[] variance = new double[MOVER_CLASSES];
    for (int m = 0; m < MOVER_CLASSES; m++) {
      Sums c = classes[m];
      if (c == null || c.rounds < 2) {
        continue;
      }
      double mean = c.sumChange / c.rounds;
      variance[m] = c.sumChangeSquared / c.rounds - mean * mean;
      n += c.rounds;
      sm += c.rounds * m;
      smm += c.rounds * (double) m * m;
      sv += c.rounds * variance[m];
      smv += c.rounds * m * variance[m];
    }
    double det = n * smm - sm * sm;
    double slope = det > 1e-9 ? Math.max(0, (n * smv - sm * sv) / det) : 0;
    double intercept = n > 0 ? Math.max(LEAST_VARIANCE, (sv - slope * sm) / n) : 1;
    double[] w = new double[MOVER_CLASSES];
    for (int m = 0; m < MOVER_CLASSES; m++) {
      w[m] = 1 / (intercept + slope * m);
    }
    return w;
  }

  /**
   * ln BF of H1(c) against H0(c), after partialling out the target's and c's own moves: the
   * residual of d and of Δy on (s_t, s_c) through the 2×2 normal equations with
   * G = [[Σw·s_t², Σw·s_c·s_t], [Σw·s_c·s_t, Σw·s_c²]]; a regressor that never moved is left
   * out.
   */
  private double logBayesFactor(int c, double[] w) {
    double dd = 0;
    double ds = 0;
    double ss = 0;
    double dt = 0;
    double st = 0;
    double dy = 0;
    double sy = 0;
    double tt = 0;
    double ty = 0;
    for (int m = 0; m < MOVER_CLASSES; m++) {
      Sums k = classes[m];
      if (k != null) {
        dd += w[m] * k.dd[c];
        ds += w[m] * k.ds[c];
        ss += w[m] * k.ss[c];
        dt += w[m] * k.dt[c];
        st += w[m] * k.st[c];
        dy += w[m] * k.dy[c];
        sy += w[m] * k.sy[c];
        tt += w[m] * k.tt;
        ty += w[m] * k.ty;
      }
    }
    double det = tt * ss - st * st;
    double s;
    double t;
    if (det > 1e-9) {
      s = dd - (ss * dt * dt - 2 * st * dt * ds + tt * ds * ds) / det;
      t = dy - (ss * dt * ty - st * (dt * sy + ds * ty) + tt * ds * sy) / det;
    } else if (tt > 0) {
      s = dd - dt * dt / tt;
      t = dy - dt * ty / tt;
    } else if (ss > 0) {
      s = dd - ds * ds / ss;
      t = dy - ds * sy / ss;
    } else {
      s = dd;
      t = dy;
    }
    s = Math.max(0, s);
    return -0.5 * Math.log1p(s) + Math.signum(t) * t * t / (2 * (1 + s));
  }

  @Override
  public double[] scores() {
    double[] w = weights();
    double[] s = new double[users];
    for (int c = 0; c < s.length; c++) {
      if (c != target) {
        s[c] = logBayesFactor(c, w);
      }
    }
    return s;
  }

  @Override
  public Optional<double[]> posterior() {
    double[] w = weights();
    double[] p = new double[users];
    double logPriorOdds = Math.log(prior / (1 - prior));
    for (int c = 0; c < p.length; c++) {
      if (c != target) {
        p[c] = 1 / (1 + Math.exp(-(logPriorOdds + logBayesFactor(c, w))));
      }
    }
    return Optional.of(p);
  }
}
