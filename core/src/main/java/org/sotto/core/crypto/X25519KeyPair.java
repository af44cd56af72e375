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

  public void destroy() {
    Arrays.fill(privateKey, (byte) 0);
  }
}
