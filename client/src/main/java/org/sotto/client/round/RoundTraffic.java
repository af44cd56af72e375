package org.sotto.client.round;

import java.util.List;

/**
 * What a client sends in its slots each round and what it does with the answers. The round
 * machinery calls it; conversations and cover traffic implement it.
 */
public interface RoundTraffic {

  /** Exactly {@code slots} exchange requests (dead-drop ID ‖ sealed message) for {@code round}. */
  List<byte[]> requestsFor(long round, int slots);

  /**
   * The coordinator accepted the requests of {@code round} (called after the submission, never
   * before: what is recorded here must not delay it).
   */
  default void submitted(long round) {}

  /** The dead drop's answer to slot {@code slot} of {@code round}, reply layers already opened. */
  void answered(long round, int slot, byte[] answer);

  /** Slot {@code slot} of {@code round} produced no usable answer (aborted, lost or tampered). */
  void lost(long round, int slot, String why);
}
