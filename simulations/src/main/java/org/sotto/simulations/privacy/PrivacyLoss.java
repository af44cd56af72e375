package org.sotto.simulations.privacy;

/**
 * An (epsilon, delta) differential-privacy guarantee: for any two neighbouring inputs and any set
 * S of outputs, P[M(x) in S] <= e^epsilon P[M(x') in S] + delta (Dwork and Roth, "The Algorithmic
 * Foundations of Differential Privacy", 2014, Definition 2.4).
 */
public record PrivacyLoss(double epsilon, double delta) {

  public PrivacyLoss {
    if (!(epsilon >= 0) || !(delta >= 0)) {
      throw new IllegalArgumentException("epsilon and delta are non-negative, got epsilon="
          + epsilon + " delta=" + delta);
    }
    delta = Math.min(1, delta);
  }

  /** e^epsilon: how much more likely any observation can become (the paper's "e^ε ≤ 2"). */
  public double expEpsilon() {
    return Math.exp(epsilon);
  }

  /** Two mechanisms on the same input, released together: epsilons and deltas add (Dwork–Roth Thm 3.16). */
  public PrivacyLoss and(PrivacyLoss other) {
    return new PrivacyLoss(epsilon + other.epsilon, delta + other.delta);
  }
}
