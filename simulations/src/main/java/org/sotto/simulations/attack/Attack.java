package org.sotto.simulations.attack;

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
   * Negative scores count as zero when scores are read as probabilities.
   */
  double[] scores();
}
