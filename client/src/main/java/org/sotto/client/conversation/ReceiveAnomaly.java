package org.sotto.client.conversation;

/**
 * An answer {@link Conversation} did not deliver, and why. Two kinds happen in honest operation
 * (go-back-N sends a message again, and a lost round leaves a hole the peer fills later); the
 * others mean tampering, a replay or a bug, and the demo, the bots command and the tests fail on
 * them.
 */
public enum ReceiveAnomaly {
  /**
   * A message already delivered, sent again because our acknowledgement had not reached the peer
   * yet (acknowledgements take about two rounds; the window is three). Dropped.
   */
  DUPLICATE(true),
  /**
   * A message ahead of the next one expected, still inside the window: a round in between was
   * lost, and the peer sends the missing message again. Dropped.
   */
  GAP(true),
  /**
   * The answer failed its HMAC (or had the wrong length or non-zero padding): tampered with, or
   * sealed with another round's keys. Every round has its own keys, so a reply replayed from
   * another round lands here.
   */
  MAC_FAILURE(false),
  /** The HMAC held but the peer's signature did not: forged by someone holding the round's keys. */
  SIGNATURE_FAILURE(false),
  /** A second answer for a round already answered or given up on: a replayed reply. */
  REPLAYED(false),
  /**
   * A sequence number or acknowledgement an honest peer cannot send: beyond the window ahead of
   * what we have received, or acknowledging a message we never queued.
   */
  OUT_OF_WINDOW(false);

  private final boolean expected;

  ReceiveAnomaly(boolean expected) {
    this.expected = expected;
  }

  /** Whether an honest network and an honest peer produce this (so it is no integrity failure). */
  public boolean expected() {
    return expected;
  }
}
