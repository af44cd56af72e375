package org.sotto.simulations.privacy;

/**
 * What the adversary counts in one round of each protocol, and so what one round costs a user in
 * privacy, when one server is honest and adds Laplace(mu, b) noise (docs/architecture.md, "Noise").
 *
 * <ul>
 *   <li><b>Conversation</b> (van den Hooff et al., "Vuvuzela", SOSP 2015, §6, the
 *       conversation protocol's theorem, proved in the appendix): the adversary sees m1, the
 *       dead drops accessed once, and m2, the dead drops accessed twice. Alice and Bob talking
 *       instead of idling moves m1 by 2 (their two cover accesses vanish) and m2 by 1 (their shared
 *       dead drop appears). The honest server adds singles ~ Laplace(mu, b) and a doubles draw of
 *       requests ~ Laplace(mu, b) rounded up to even, i.e. pairs ~ Laplace(mu/2, b/2). Adding the
 *       two counts' bounds ({@link NoisyCount}): epsilon = 2/b + 1/(b/2) = 4/b and
 *       delta = ½e^((2 − mu)/b) + ½e^((1 − mu/2)/(b/2)) = e^((2 − mu)/b).
 *   <li><b>Dialing</b> (same paper, §6, the dialing protocol's
 *       theorem): the adversary sees how many invitations each
 *       bucket holds. Alice dialing Bob instead of sending a cover invitation adds one to Bob's
 *       bucket, and the honest server adds Laplace(mu, b) invitations to every bucket, so
 *       epsilon = 1/b and delta = ½e^((1 − mu)/b). (Against the cover story "Alice dials Charlie"
 *       two buckets move and the loss doubles.)
 * </ul>
 */
public enum ProtocolPrivacy {
  CONVERSATION {
    @Override
    public PrivacyLoss perRound(double mu, double b) {
      return new NoisyCount(mu, b, 2).loss().and(new NoisyCount(mu / 2, b / 2, 1).loss());
    }
  },
  DIALING {
    @Override
    public PrivacyLoss perRound(double mu, double b) {
      return new NoisyCount(mu, b, 1).loss();
    }
  };

  /** The (epsilon, delta) one round costs a user who takes part in it. */
  public abstract PrivacyLoss perRound(double mu, double b);

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
