package org.sotto.core.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519;
import org.sotto.core.wire.RejectedInputException;

/**
 * The per-round key ratchet of a conversation. Both peers compute the same root from their
 * identity X25519 keys and the call's secret (CallSecret), anchor it at the conversation's first
 * round, and step it with a one-way HMAC once per round:
 *
 * <pre>
 * shared         = X25519(myDhPriv, theirDhPub)             (all-zero rejected)
 * chain[start]   = HKDF(ikm = shared ‖ callSecret, salt = min(pubA, pubB) ‖ max(pubA, pubB),
 *                       info = "sotto/v3/conversation-root" ‖ u64be(start), 32)
 * chain[r + 1]   = HMAC(chain[r], "sotto/v1/ratchet-step")
 * </pre>
 *
 * The identity secret authenticates (only these two users can compute it); the call secret,
 * which both sides erase, makes the root forward-secret against a later theft of identity keys
 * and unique to one call.
 *
 * The ratchet only moves forward and forgets every earlier chain key, so a key stolen in round r
 * opens nothing sent before r (forward secrecy across rounds). The start round is in the root:
 * without it, conversations of one pair started at s1 and s2 would share every chain key
 * (chain[s1 + k] = chain[s2 + k]), and a dead drop could replay an old conversation's messages
 * into a new one.
 */
public final class ConversationRatchet {
  private byte[] chainKey;
  private long round;

  /** Resumes a ratchet whose chain key for {@code round} was saved. */
  public ConversationRatchet(byte[] chainKey, long round) {
    this.chainKey = chainKey.clone();
    this.round = round;
  }

  /** @param callSecret the 32-byte secret of the call that started the conversation */
  public static ConversationRatchet start(X25519 x25519, byte[] myDhPrivate, byte[] myDhPublic,
      byte[] theirDhPublic, byte[] callSecret, long startRound) throws RejectedInputException {
    RejectedInputException.requireLength("call secret", callSecret.length, 32);
    byte[] identityShared = x25519.sharedSecret(myDhPrivate, theirDhPublic);
    byte[] shared = Arrays.copyOf(identityShared, 64);
    System.arraycopy(callSecret, 0, shared, 32, 32);
    Arrays.fill(identityShared, (byte) 0);
    boolean mineFirst = Arrays.compareUnsigned(myDhPublic, theirDhPublic) <= 0;
    byte[] salt = new byte[64];
    System.arraycopy(mineFirst ? myDhPublic : theirDhPublic, 0, salt, 0, 32);
    System.arraycopy(mineFirst ? theirDhPublic : myDhPublic, 0, salt, 32, 32);
    byte[] info = ByteBuffer.allocate(Labels.CONVERSATION_ROOT.length + 8)
        .put(Labels.CONVERSATION_ROOT).putLong(startRound).array();
    byte[] root = Hkdf.derive(shared, salt, info, 32);
    Arrays.fill(shared, (byte) 0);
    return new ConversationRatchet(root, startRound);
  }

  /** The round whose chain key is held now. */
  public long round() {
    return round;
  }

  /** A copy of the current chain key, to persist the ratchet. */
  public byte[] chainKey() {
    return chainKey.clone();
  }

  /**
   * Steps forward to {@code target} (erasing every chain key before it) and returns its keys.
   *
   * @throws IllegalStateException for a round the ratchet has already passed
   */
  public RoundKeys advanceTo(long target) {
    if (target < round) {
      throw new IllegalStateException(
          "round " + target + " is before the ratchet's round " + round + "; its keys are gone");
    }
    while (round < target) {
      byte[] next = HmacSha256.mac(chainKey, Labels.RATCHET_STEP);
      Arrays.fill(chainKey, (byte) 0);
      chainKey = next;
      round++;
    }
    return new RoundKeys(round, chainKey);
  }
}
