package org.sotto.core.onion;

/**
 * One onion layer taken off: the inner onion (or exchange request, at the last mix), the reply key
 * for the way back, and the ephemeral public key, by which a mix spots within-round duplicates.
 */
public record PeeledLayer(byte[] inner, ReplyKey replyKey, byte[] ephemeralKey) {}
