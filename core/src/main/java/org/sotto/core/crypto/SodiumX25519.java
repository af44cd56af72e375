package org.sotto.core.crypto;

import static org.sotto.core.wire.WireSizes.X25519_KEY;

import com.goterl.lazysodium.SodiumJava;
import org.sotto.core.wire.RejectedInputException;

/**
 * X25519 through libsodium's {@code crypto_scalarmult}, the fast path: the native library that
 * lazysodium-java bundles runs at close to OpenSSL's speed, several times Bouncy Castle's.
 */
public final class SodiumX25519 implements X25519 {
  private final SodiumJava sodium;

  /** Loads the bundled libsodium; throws if the native library cannot be loaded here. */
  public SodiumX25519() {
    this.sodium = new SodiumJava();
    if (sodium.sodium_init() < 0) {
      throw new IllegalStateException("libsodium failed to initialise");
    }
  }

  @Override
  public String name() {
    return "libsodium";
  }

  @Override
  public void publicKey(byte[] privateKey, byte[] out) {
    X25519Engines.requireBuffer("X25519 private key", privateKey);
    X25519Engines.requireBuffer("X25519 output", out);
    sodium.crypto_scalarmult_base(out, privateKey);
  }

  @Override
  public void sharedSecret(byte[] privateKey, byte[] publicKey, byte[] out)
      throws RejectedInputException {
    X25519Engines.requireBuffer("X25519 output", out);
    RejectedInputException.requireLength("X25519 private key", privateKey.length, X25519_KEY);
    RejectedInputException.requireLength("X25519 public key", publicKey.length, X25519_KEY);
    // libsodium returns -1 for an all-zero result; check the bytes too, in constant time.
    int rc = sodium.crypto_scalarmult(out, privateKey, publicKey);
    if (rc != 0) {
      java.util.Arrays.fill(out, (byte) 0);
    }
    X25519Engines.rejectZero(out);
  }
}
