package org.sotto.core.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;

/**
 * What a new user signs with their new signing key at registration, and what anyone who looks
 * them up checks:
 *
 * <pre>
 * signed = "sotto/v1/identity" ‖ u8(len(username)) ‖ username ‖ signingPub (65) ‖ x25519Pub (32)
 * </pre>
 *
 * It proves possession of the signing key and binds both public keys to the name, so a directory
 * cannot hand out a user's X25519 key under someone else's name without also forging a signature.
 * (It can still substitute a whole identity: hence safety numbers, compared out of band.)
 */
public final class IdentityBinding {
  private IdentityBinding() {}

  public static byte[] signedBytes(String username, byte[] signingPublicKey,
      byte[] x25519PublicKey) {
    byte[] name = username.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Labels.IDENTITY.length + 1 + name.length
            + signingPublicKey.length + x25519PublicKey.length)
        .put(Labels.IDENTITY).put((byte) name.length).put(name).put(signingPublicKey)
        .put(x25519PublicKey).array();
  }

  public static byte[] sign(byte[] signingPrivateKey, String username, byte[] signingPublicKey,
      byte[] x25519PublicKey) {
    return Ecdsa.sign(signingPrivateKey, signedBytes(username, signingPublicKey, x25519PublicKey));
  }

  /**
   * Checks the keys' sizes, that the X25519 key is not a low-order point (with such a key every
   * peer's shared secret is all zeros, which anyone can compute; docs/protocol.md §2 refuses it
   * on use, and the directory refuses it on registration), and the signature.
   *
   * @throws RejectedInputException WRONG_LENGTH, ZERO_SHARED_SECRET (a low-order X25519 key),
   *     MALFORMED (a key that is no P-256 point) or BAD_SIGNATURE
   */
  public static void verify(String username, byte[] signingPublicKey, byte[] x25519PublicKey,
      byte[] signature) throws RejectedInputException {
    X25519KeyPair.requireUsablePublicKey("X25519 public key", x25519PublicKey);
    Ecdsa.verify(signingPublicKey, signedBytes(username, signingPublicKey, x25519PublicKey),
        signature);
  }
}
