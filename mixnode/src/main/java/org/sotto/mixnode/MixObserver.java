package org.sotto.mixnode;

import org.sotto.core.round.RoundKind;
import org.sotto.core.round.Shuffle;

/**
 * Told of every round a mix mixes: the noise it actually added and the permutation it actually
 * applied, for conformance audits that test both against what the descriptor promises. Called on
 * the mix's worker thread between the shuffle and forwarding; keep it quick. A mix without
 * observers skips the call.
 */
@FunctionalInterface
public interface MixObserver {

  /**
   * @param noiseDraws the noise counts this mix drew for the round: for conversation rounds
   *     {singles, doubles} (doubles rounded up to even, protocol.md §10), for dialing rounds one
   *     count per bucket in bucket order, then the no-op bucket's
   * @param real how many of the shuffled items came from upstream: the shuffle's inputs
   *     0..real−1, in the order they arrived; the inputs after them are this mix's noise
   * @param shuffle the permutation: output i is input {@code shuffle.source(i)}
   */
  void mixed(RoundKind kind, long round, long[] noiseDraws, int real, Shuffle shuffle);
}
