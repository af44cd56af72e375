package org.sotto.client.round;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;

/**
 * {@link RoundKeySignature#verify}, remembering the exact inputs it accepted recently, process-wide.
 *
 * <p>A person's client verifies three signatures a round, which costs nothing. A process that runs
 * many clients against one cluster (the demo's bot fleet, {@code sotto bench round}, load
 * generators) would otherwise verify the very same three signatures once per client: 30,000
 * ECDSA P-256 verifications a round for 10,000 bots, more CPU than the whole mix chain, and all of
 * them queueing on one Bouncy Castle precomputation lock. A hit requires every byte verified before
 * (the signed bytes with the round's terms, signing key and signature) to be identical, so it answers exactly
 * what a fresh verification would; failures are never remembered.
 */
final class VerifiedRoundKeys {
  private static final int CAPACITY = 256;
  private static final Map<ByteBuffer, Boolean> ACCEPTED =
      new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  private VerifiedRoundKeys() {}

  /** @throws RejectedInputException as {@link RoundKeySignature#verify} does */
  static void verify(RoundTerms terms, byte[] mixSigningKey, int position,
      byte[] roundPublicKey, byte[] signature) throws RejectedInputException {
    ByteBuffer key = ByteBuffer.wrap(concat(
        RoundKeySignature.signedBytes(terms, position, roundPublicKey), mixSigningKey, signature));
    synchronized (ACCEPTED) {
      if (ACCEPTED.get(key) != null) {
        return;
      }
    }
    RoundKeySignature.verify(terms, mixSigningKey, position, roundPublicKey, signature);
    synchronized (ACCEPTED) {
      ACCEPTED.put(key, Boolean.TRUE);
    }
  }

  /**
   * The signed bytes fix their own length (fixed-size fields after a label), and the signing key
   * (65 bytes) and signature (64 bytes) are checked for length by the verification a miss runs, so
   * a plain concatenation names one set of inputs.
   */
  private static byte[] concat(byte[] signed, byte[] signingKey, byte[] signature) {
    return ByteBuffer.allocate(4 + signed.length + 4 + signingKey.length + signature.length)
        .putInt(signed.length).put(signed).putInt(signingKey.length).put(signingKey)
        .put(signature).array();
  }
}
