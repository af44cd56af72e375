package org.sotto.core.fuzz;

import java.util.Arrays;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519KeyPair;

/**
 * Fixed keys for the fuzz targets, so that a seed built once (a valid onion, a valid signature)
 * stays valid in every run and a finding reproduces byte for byte.
 */
final class FuzzKeys {
  private FuzzKeys() {}

  static final long ROUND = 1;

  /** A mix node's round key. */
  static final X25519KeyPair MIX = x25519(0x11);

  /** A signing key (a mix node's or a peer's). */
  static final Ecdsa.KeyPair SIGNER = ecdsa(0x22);

  static X25519KeyPair x25519(int fill) {
    byte[] priv = new byte[32];
    Arrays.fill(priv, (byte) fill);
    return new X25519KeyPair(priv, new BouncyCastleX25519().publicKey(priv));
  }

  static Ecdsa.KeyPair ecdsa(int fill) {
    byte[] priv = new byte[32];
    Arrays.fill(priv, (byte) fill);
    return new Ecdsa.KeyPair(priv, Ecdsa.publicKey(priv));
  }

  static byte[] filled(int n, int fill) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) fill);
    return out;
  }
}
