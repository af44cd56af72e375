package org.sotto.client.round;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;

/**
 * {@link RoundKeySignature#verify}, remembering the exact inputs it accepted recently, process-wide.
 *
 * <p>A person's client verifies three signatures a round, which costs nothing. A process that runs
 * many clients against one cluster (the demo's bot fleet, {@code sotto bench round}, load
 * generators) would otherwise verify the very same three signatures once per client: 30,000
 * ECDSA P-256 verifications a round for 10,000 bots, more CPU than the whole mix chain, and all of
 * them queueing on one Bouncy Castle precomputation lock. A hit requires every byte verified before
 * (kind of round, signing key, round, position, round key and signature) to be identical, so it answers exactly
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
  static void verify(RoundKind kind, byte[] mixSigningKey, long round, int position,
      byte[] roundPublicKey, byte[] signature) throws RejectedInputException {
    ByteBuffer key = ByteBuffer.allocate(4 + 4 + mixSigningKey.length + 12 + 4
        + roundPublicKey.length + signature.length)
        .putInt(kind.ordinal()).putInt(mixSigningKey.length).put(mixSigningKey).putLong(round)
        .putInt(position)
        .putInt(roundPublicKey.length).put(roundPublicKey).put(signature).flip();
    synchronized (ACCEPTED) {
      if (ACCEPTED.get(key) != null) {
        return;
      }
    }
    RoundKeySignature.verify(kind, mixSigningKey, round, position, roundPublicKey, signature);
    synchronized (ACCEPTED) {
      ACCEPTED.put(key, Boolean.TRUE);
    }
  }
}
