package org.sotto.core.round;

import java.nio.ByteBuffer;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Labels;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * What a mix node signs to vouch for its round key, and what clients check before they wrap:
 *
 * <pre>signed = "sotto/v1/round-key" ‖ u64be(round) ‖ u32be(position) ‖ roundPublicKey</pre>
 *
 * {@code position} is the mix's 0-based position in the chain (0 = the mix that receives the
 * onions from the coordinator), the same number as the {@code position} fields of the gRPC API.
 *
 * Binding the round and position stops a coordinator from replaying an old key or swapping keys
 * between mixes.
 */
public final class RoundKeySignature {
  private RoundKeySignature() {}

  public static byte[] signedBytes(long round, int position, byte[] roundPublicKey) {
    return ByteBuffer.allocate(Labels.ROUND_KEY_SIGNATURE.length + 12 + roundPublicKey.length)
        .put(Labels.ROUND_KEY_SIGNATURE).putLong(round).putInt(position).put(roundPublicKey)
        .array();
  }

  public static byte[] sign(byte[] signingKey, long round, int position, byte[] roundPublicKey) {
    return Ecdsa.sign(signingKey, signedBytes(round, position, roundPublicKey));
  }

  /** @throws RejectedInputException BAD_SIGNATURE, WRONG_LENGTH or MALFORMED */
  public static void verify(byte[] mixSigningKey, long round, int position, byte[] roundPublicKey,
      byte[] signature) throws RejectedInputException {
    RejectedInputException.requireLength(
        "round public key", roundPublicKey.length, WireSizes.X25519_KEY);
    Ecdsa.verify(mixSigningKey, signedBytes(round, position, roundPublicKey), signature);
  }
}
