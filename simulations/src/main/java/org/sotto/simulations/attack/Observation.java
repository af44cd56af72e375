package org.sotto.simulations.attack;

import java.util.BitSet;

/** What a global passive adversary records from one system: batches, or per-round counts. */
public sealed interface Observation {

  /**
   * A batch leaving a mix: who sent the messages in it and who received them, without the mapping
   * between the two (the mix hid that). A user appears once per message.
   */
  record Batch(int[] senders, int[] recipients) implements Observation {}

  /**
   * One Sotto round as the adversary sees it: who was online (each sent one request and got one
   * reply), and how many dead drops were accessed once and twice, noise included (minus the noise
   * of the mixes the adversary runs, when it runs all but one).
   */
  record Counts(long round, BitSet online, long singles, long pairs) implements Observation {}

  /**
   * A Sotto round in which the adversary blocked every client's request except those of
   * {@code target} and {@code candidate} (it can: it watches and may cut every link), and the
   * counts it then saw. {@code bothOnline} says whether the two were online to send at all.
   */
  record Isolated(long round, int target, int candidate, boolean bothOnline, long singles,
      long pairs) implements Observation {}
}
