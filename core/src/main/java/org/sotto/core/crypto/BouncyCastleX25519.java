package org.sotto.core.crypto;

import static org.sotto.core.wire.WireSizes.X25519_KEY;

import org.sotto.core.wire.RejectedInputException;

/** Portable X25519 from Bouncy Castle's RFC 7748 code; used when libsodium does not load. */
public final class BouncyCastleX25519 implements X25519 {

  @Override
  public String name() {
    return "bouncycastle";
  }

  @Override
  public void publicKey(byte[] privateKey, byte[] out) {
    X25519Engines.requireBuffer("X25519 private key", privateKey);
    X25519Engines.requireBuffer("X25519 output", out);
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, out, 0);
  }

  @Override
  public void sharedSecret(byte[] privateKey, byte[] publicKey, byte[] out)
      throws RejectedInputException {
    X25519Engines.requireBuffer("X25519 output", out);
    RejectedInputException.requireLength("X25519 private key", privateKey.length, X25519_KEY);
    RejectedInputException.requireLength("X25519 public key", publicKey.length, X25519_KEY);
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(privateKey, 0, publicKey, 0, out, 0);
    X25519Engines.rejectZero(out);
  }
}
