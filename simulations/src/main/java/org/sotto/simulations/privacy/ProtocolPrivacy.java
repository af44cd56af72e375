package org.sotto.simulations.privacy;

/**
 * What the adversary counts in one round of each protocol, and so what one round costs a user in
 * privacy, when one server is honest and adds Laplace(mu, b) noise (docs/researcher-guide.md,
 * "What the accountant protects").
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
 *   <li><b>Dialing</b>, "Alice dialed Bob" against the cover story "Alice dialed Charlie": the
 *       adversary sees how many invitations each bucket holds, and the two stories differ in two
 *       buckets, Bob's one higher and Charlie's one lower. The honest server adds Laplace(mu, b)
 *       invitations to every bucket, so the two counts' bounds add: epsilon = 1/b + 1/b = 2/b and
 *       delta = 2 · ½e^((1 − mu)/b) = e^((1 − mu)/b). This is Sotto's own derivation for the
 *       protocol as run, with the same per-count bound as the paper's dialing theorem; the bound
 *       for "Alice dialed someone" against "Alice did not dial" needs the no-op bucket to be noised
 *       as well, which the guide states.
 * </ul>
 *
 * <p>A client that sends k onions a round (the cluster's slots) takes part k times per round; the
 * accountant composes k·rounds uses ({@link RoundCadence}).
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
      PrivacyLoss oneBucket = new NoisyCount(mu, b, 1).loss();
      return oneBucket.and(oneBucket);
    }
  };

  /** The (epsilon, delta) one round costs a user who takes part in it. */
  public abstract PrivacyLoss perRound(double mu, double b);

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
