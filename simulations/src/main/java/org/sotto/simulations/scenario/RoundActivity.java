package org.sotto.simulations.scenario;

import java.util.BitSet;
import java.util.List;

/**
 * What happened in one round, as ground truth: who was online, which conversations were running
 * (both partners online), and the messages people typed (the baseline carries only those).
 */
public record RoundActivity(long round, BitSet online, List<Talk> conversations,
    List<Message> messages) {

  /** A running conversation and the dead drop its two partners share this round. */
  public record Talk(int a, int b, byte[] deadDropId) {}

  /** A message one user typed to another. */
  public record Message(int sender, int recipient) {}
}
