package org.sotto.simulations.attack;

import java.util.BitSet;

/** What the adversary records from one system in one round. */
public sealed interface Observation {

  /**
   * Baseline: a batch leaving the mix, who sent the messages in it and who received them, without
   * the mapping between the two (the mix hid that). A user appears once per message.
   */
  record Batch(int[] senders, int[] recipients) implements Observation {}

  /** Sotto: who was online this round (each online client sends one request and gets one reply). */
  record Presence(long round, BitSet online) implements Observation {}

  /**
   * Sotto: how many dead drops were accessed once and twice this round, with the noise of every
   * honest mix in them (the adversary knows, and has subtracted, the noise of the mixes it runs).
   * {@code honestMixes} says how many Laplace draws of each kind the counts carry.
   */
  record Counts(long round, long singles, long pairs, int honestMixes) implements Observation {}

  /**
   * Sotto, active adversary: a round in which it let only {@code letThrough} reach the mixes
   * (blocking everyone else) for an attack on {@code target}, and the counts it then saw.
   */
  record Probe(long round, int target, BitSet letThrough, long singles, long pairs,
      int honestMixes) implements Observation {}
}
