package org.sotto.core.round;

import java.nio.ByteBuffer;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * What a mix node signs to vouch for its round key, and what clients check before they wrap
 * (docs/protocol.md §9):
 *
 * <pre>signed = label ‖ cluster id (32) ‖ u64be(round) ‖ u32be(bucket count) ‖ u32be(position)
 *          ‖ roundPublicKey</pre>
 *
 * with label "sotto/v2/round-key" for conversation rounds and "sotto/v2/dialing-round-key" for
 * dialing rounds ({@link RoundKind}), so a key of one kind never verifies as the other. The first
 * four fields are the round's {@link RoundTerms}; {@code position} is the mix's 0-based position
 * in the chain (0 = the mix that receives the onions from the coordinator), the same number as
 * the {@code position} fields of the gRPC API.
 *
 * <p>Binding the round and position stops a coordinator from replaying an old key or swapping keys
 * between mixes; binding the cluster id stops it from changing any parameter of the pinned
 * descriptor (chain, slots, intervals, noise) or passing off another cluster's keys; binding the
 * bucket count stops it from giving one client a bucket count of its own, which would make the
 * bucket index of that client's invitation (or of its own bucket download) name the callee.
 */
public final class RoundKeySignature {
  private RoundKeySignature() {}

  public static byte[] signedBytes(RoundTerms terms, int position, byte[] roundPublicKey) {
    byte[] label = terms.kind().signatureLabel();
    byte[] cluster = terms.clusterId();
    return ByteBuffer.allocate(label.length + cluster.length + 16 + roundPublicKey.length)
        .put(label).put(cluster).putLong(terms.round()).putInt(terms.bucketCount())
        .putInt(position).put(roundPublicKey)
        .array();
  }

  public static byte[] sign(RoundTerms terms, byte[] signingKey, int position,
      byte[] roundPublicKey) {
    return Ecdsa.sign(signingKey, signedBytes(terms, position, roundPublicKey));
  }

  /** @throws RejectedInputException BAD_SIGNATURE, WRONG_LENGTH or MALFORMED */
  public static void verify(RoundTerms terms, byte[] mixSigningKey, int position,
      byte[] roundPublicKey, byte[] signature) throws RejectedInputException {
    RejectedInputException.requireLength(
        "round public key", roundPublicKey.length, WireSizes.X25519_KEY);
    Ecdsa.verify(mixSigningKey, signedBytes(terms, position, roundPublicKey), signature);
  }
}
