package org.sotto.core.crypto;

import org.sotto.core.wire.RejectedInputException;

/**
 * X25519 Diffie–Hellman (RFC 7748). Two implementations agree byte for byte: libsodium through
 * lazysodium (the fast path) and Bouncy Castle (portable). {@link X25519Engines#best()} picks one.
 */
public interface X25519 {

  /** A short name for logs and benchmark tables. */
  String name();

  /**
   * Writes the public key of {@code privateKey} (32 bytes, clamped internally) into {@code out}.
   *
   * @throws IllegalArgumentException unless both arrays are 32 bytes
   */
  void publicKey(byte[] privateKey, byte[] out);

  /**
   * Writes X25519(privateKey, publicKey) into {@code out}.
   *
   * @throws RejectedInputException ZERO_SHARED_SECRET when the result is all zeros (the peer sent a
   *     low-order point), WRONG_LENGTH for a key of the wrong size
   * @throws IllegalArgumentException unless {@code out} is 32 bytes
   */
  void sharedSecret(byte[] privateKey, byte[] publicKey, byte[] out) throws RejectedInputException;

  default byte[] publicKey(byte[] privateKey) {
    byte[] out = new byte[32];
    publicKey(privateKey, out);
    return out;
  }

  default byte[] sharedSecret(byte[] privateKey, byte[] publicKey) throws RejectedInputException {
    byte[] out = new byte[32];
    sharedSecret(privateKey, publicKey, out);
    return out;
  }
}
