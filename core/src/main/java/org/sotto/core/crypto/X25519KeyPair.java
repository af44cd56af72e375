package org.sotto.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/** An X25519 key pair. {@link #destroy()} zeroes the private key once it has served its round. */
public record X25519KeyPair(byte[] privateKey, byte[] publicKey) {

  public static X25519KeyPair generate(X25519 x25519, SecureRandom random) {
    byte[] priv = new byte[32];
    random.nextBytes(priv);
    return new X25519KeyPair(priv, x25519.publicKey(priv));
  }

  /** Any clamped scalar: a low-order point times it is the identity, whatever the scalar. */
  private static final byte[] PROBE_SCALAR = new byte[32];

  static {
    Arrays.fill(PROBE_SCALAR, (byte) 0x5a);
  }

  /**
   * Refuses a public key of the wrong size or of low order: with such a key every shared secret
   * is all zeros, which anyone can compute (docs/protocol.md §2).
   *
   * @throws org.sotto.core.wire.RejectedInputException WRONG_LENGTH or ZERO_SHARED_SECRET
   */
  public static void requireUsablePublicKey(String what, byte[] publicKey)
      throws org.sotto.core.wire.RejectedInputException {
    org.sotto.core.wire.RejectedInputException.requireLength(what, publicKey.length, 32);
    X25519Engines.best().sharedSecret(PROBE_SCALAR, publicKey);
  }

  public void destroy() {
    Arrays.fill(privateKey, (byte) 0);
  }
}
