package org.sotto.simulations.attack;

import java.util.Optional;

/**
 * A traffic-analysis attack on one target user: it watches every observation of one system and
 * can say, at any time, how strongly it suspects each user of being one of the target's contacts.
 * The adversary is assumed to know how many contacts the target has (as in Danezis 2003 and
 * Kesdogan et al. 2002), so its guess is the that many highest-scoring users
 * ({@link AnonymityMetrics}). To add an attack, implement this and list it in {@link AttackKind}.
 */
public interface Attack {

  /** Takes in one observation; kinds of observation this attack cannot use are ignored. */
  void observe(Observation observation);

  /**
   * Suspicion per user, higher meaning more likely a contact; the target's own entry is ignored.
   * Only the order matters: equal scores are ties, which the metrics break at random.
   */
  double[] scores();

  /**
   * The adversary's probability, per user, that the user is one of the target's contacts, when
   * the attack has a probability model; empty when it only ranks (then no entropy is reported,
   * rather than one made up from scores that are not probabilities).
   */
  default Optional<double[]> posterior() {
    return Optional.empty();
  }

  /** Why the scores carry no information although observations came in; empty if they do. */
  default Optional<String> gaveUp() {
    return Optional.empty();
  }
}
