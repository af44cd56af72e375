package org.sotto.core.message;

import static org.sotto.core.wire.WireSizes.AES_KEY;
import static org.sotto.core.wire.WireSizes.DEAD_DROP_ID;
import static org.sotto.core.wire.WireSizes.MAC_KEY;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;

/**
 * What one round of one conversation needs, derived from that round's chain key:
 *
 * <pre>
 * deadDropId        = HMAC(chainKey, "sotto/v1/dead-drop-id" ‖ u64be(round))[0..16)
 * keys(senderDhPub) = HKDF-Expand(chainKey, "sotto/v2/message-keys" ‖ u64be(round) ‖ senderDhPub,
 *                                 64) → encryptionKey (32) ‖ macKey (32)
 * signature context = "sotto/v2/message-signature" ‖ deadDropId ‖ senderDhPub
 * </pre>
 *
 * Each direction has its own keys, so a dead drop that hands a sender its own message back yields
 * a message that fails to open. The round enters the keys and, through the dead-drop ID (itself
 * derived from a chain key that depends on the conversation's start round), the signature: a
 * message recorded in one round or one conversation opens in no other, even where two
 * conversations' chains would otherwise line up.
 */
public final class RoundKeys {
  private final long round;
  private final byte[] chainKey;

  RoundKeys(long round, byte[] chainKey) {
    this.round = round;
    this.chainKey = chainKey.clone();
  }

  public long round() {
    return round;
  }

  public byte[] deadDropId() {
    byte[] r = ByteBuffer.allocate(8).putLong(round).array();
    return Arrays.copyOf(HmacSha256.mac(chainKey, Labels.DEAD_DROP_ID, r), DEAD_DROP_ID);
  }

  /** The keys the owner of {@code senderDhPublicKey} seals with this round. */
  public MessageKeys keysFor(byte[] senderDhPublicKey) {
    byte[] info = ByteBuffer.allocate(Labels.MESSAGE_KEYS.length + 8 + senderDhPublicKey.length)
        .put(Labels.MESSAGE_KEYS).putLong(round).put(senderDhPublicKey).array();
    byte[] okm = Hkdf.expand(chainKey, info, AES_KEY + MAC_KEY);
    byte[] context = ByteBuffer.allocate(Labels.MESSAGE_SIGNATURE.length + DEAD_DROP_ID
        + senderDhPublicKey.length)
        .put(Labels.MESSAGE_SIGNATURE).put(deadDropId()).put(senderDhPublicKey).array();
    MessageKeys keys = new MessageKeys(Arrays.copyOfRange(okm, 0, AES_KEY),
        Arrays.copyOfRange(okm, AES_KEY, AES_KEY + MAC_KEY), context);
    Arrays.fill(okm, (byte) 0);
    return keys;
  }

  public void destroy() {
    Arrays.fill(chainKey, (byte) 0);
  }
}
