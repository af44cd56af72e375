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
 * between mixes. Dialing rounds sign the same layout under "sotto/v1/dialing-round-key"
 * ({@link RoundKind}), so a key of one kind of round never verifies as the other.
 */
public final class RoundKeySignature {
  private RoundKeySignature() {}

  public static byte[] signedBytes(long round, int position, byte[] roundPublicKey) {
    return signedBytes(RoundKind.CONVERSATION, round, position, roundPublicKey);
  }

  public static byte[] signedBytes(RoundKind kind, long round, int position,
      byte[] roundPublicKey) {
    byte[] label = kind.signatureLabel();
    return ByteBuffer.allocate(label.length + 12 + roundPublicKey.length)
        .put(label).putLong(round).putInt(position).put(roundPublicKey)
        .array();
  }

  public static byte[] sign(byte[] signingKey, long round, int position, byte[] roundPublicKey) {
    return sign(RoundKind.CONVERSATION, signingKey, round, position, roundPublicKey);
  }

  public static byte[] sign(RoundKind kind, byte[] signingKey, long round, int position,
      byte[] roundPublicKey) {
    return Ecdsa.sign(signingKey, signedBytes(kind, round, position, roundPublicKey));
  }

  /** @throws RejectedInputException BAD_SIGNATURE, WRONG_LENGTH or MALFORMED */
  public static void verify(byte[] mixSigningKey, long round, int position, byte[] roundPublicKey,
      byte[] signature) throws RejectedInputException {
    verify(RoundKind.CONVERSATION, mixSigningKey, round, position, roundPublicKey, signature);
  }

  /** @throws RejectedInputException BAD_SIGNATURE, WRONG_LENGTH or MALFORMED */
  public static void verify(RoundKind kind, byte[] mixSigningKey, long round, int position,
      byte[] roundPublicKey, byte[] signature) throws RejectedInputException {
    RejectedInputException.requireLength(
        "round public key", roundPublicKey.length, WireSizes.X25519_KEY);
    Ecdsa.verify(mixSigningKey, signedBytes(kind, round, position, roundPublicKey), signature);
  }
}
