package org.sotto.core.onion;

import static org.sotto.core.wire.WireSizes.MAC_TAG;

import java.util.Arrays;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.wire.RejectedInputException;

/**
 * The reply key of one onion layer: a mix node seals the reply to a request with it on the way
 * back, and the client, who derived the same key when wrapping, opens that layer.
 *
 * <pre>sealedReply = AES-256-CBC(replyEnc, replyIv, reply) ‖ HMAC(replyMac, ciphertext)</pre>
 */
public final class ReplyKey {
  /** replyEnc (32) ‖ replyMac (32) ‖ replyIv (16). */
  private final byte[] material;

  ReplyKey(byte[] material) {
    this.material = material;
  }

  /** Seals one reply (a multiple of 16 bytes); the result is 32 bytes longer. */
  public byte[] seal(byte[] reply) {
    byte[] out = new byte[reply.length + MAC_TAG];
    AesCbc.encrypt(material, 0, material, 64, reply, 0, reply.length, out, 0);
    HmacSha256.mac(material, 32, 32, out, 0, reply.length, out, reply.length);
    return out;
  }

  /**
   * Opens one reply layer.
   *
   * @throws RejectedInputException WRONG_LENGTH or BAD_MAC
   */
  public byte[] open(byte[] sealedReply, int expectedLength) throws RejectedInputException {
    if (expectedLength < MAC_TAG + 16 || (expectedLength - MAC_TAG) % 16 != 0) {
      throw new RejectedInputException(RejectedInputException.Reason.WRONG_LENGTH,
          "a reply is a whole number of AES blocks plus a 32-byte tag, not " + expectedLength);
    }
    RejectedInputException.requireLength("reply", sealedReply.length, expectedLength);
    int ctLen = sealedReply.length - MAC_TAG;
    byte[] tag = new byte[MAC_TAG];
    HmacSha256.mac(material, 32, 32, sealedReply, 0, ctLen, tag, 0);
    if (!ConstantTime.equals(tag, 0, sealedReply, ctLen, MAC_TAG)) {
      throw new RejectedInputException(
          RejectedInputException.Reason.BAD_MAC, "reply layer fails its HMAC");
    }
    byte[] out = new byte[ctLen];
    AesCbc.decrypt(material, 0, material, 64, sealedReply, 0, ctLen, out, 0);
    return out;
  }

  /** Zeroes the key once the round's reply has been sealed or the round aborted. */
  public void destroy() {
    Arrays.fill(material, (byte) 0);
  }
}
