package org.sotto.core.dialing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;

/**
 * A user's X25519 dialing key for one key epoch (docs/protocol.md §14.8), signed with their
 * identity signing key:
 *
 * <pre>
 * signed = "sotto/v3/dialing-key" ‖ u8(len(username)) ‖ username ‖ u64be(epoch) ‖ dialingPub (32)
 * </pre>
 *
 * Invitations are sealed to it instead of the identity key, and the user erases its private half
 * when the epoch has passed: whoever later steals the user's identity keys cannot open the
 * invitations (and cannot derive the conversations) of epochs whose keys are gone.
 */
public record DialingKey(String username, long epoch, byte[] publicKey, byte[] signature) {

  public static byte[] signedBytes(String username, long epoch, byte[] publicKey) {
    byte[] name = username.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Labels.DIALING_KEY.length + 1 + name.length + 8 + publicKey.length)
        .put(Labels.DIALING_KEY).put((byte) name.length).put(name).putLong(epoch).put(publicKey)
        .array();
  }

  public static DialingKey sign(byte[] signingPrivateKey, String username, long epoch,
      byte[] publicKey) {
    return new DialingKey(username, epoch, publicKey.clone(),
        Ecdsa.sign(signingPrivateKey, signedBytes(username, epoch, publicKey)));
  }

  /**
   * Checks the key's size, that it is no low-order point, and the owner's signature.
   *
   * @throws RejectedInputException WRONG_LENGTH, ZERO_SHARED_SECRET, MALFORMED or BAD_SIGNATURE
   */
  public void verify(byte[] ownerSigningPublicKey) throws RejectedInputException {
    X25519KeyPair.requireUsablePublicKey("dialing key", publicKey);
    Ecdsa.verify(ownerSigningPublicKey, signedBytes(username, epoch, publicKey), signature);
  }
}
