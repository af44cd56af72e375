package org.sotto.launcher.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.wire.WireSizes;

/**
 * What one client spends wrapping its onion for a round (one slot): one ephemeral key pair and one
 * X25519 agreement per mix, plus HKDF, AES-CBC and HMAC per layer. Measured single-threaded.
 */
final class ClientWrapCost {
  private ClientWrapCost() {}

  static double microsPerOnion(int mixes) throws Exception {
    X25519 x25519 = X25519Engines.best();
    SecureRandom random = Randoms.perThread();
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < mixes; i++) {
      keys.add(X25519KeyPair.generate(x25519, random).publicKey());
    }
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    OnionWrapper wrapper = new OnionWrapper(x25519);
    long deadline = System.nanoTime() + 1_000_000_000L; // warm-up
    while (System.nanoTime() < deadline) {
      wrapper.wrap(1, keys, request, random);
    }
    int n = 0;
    long start = System.nanoTime();
    deadline = start + 2_000_000_000L;
    long now;
    do {
      wrapper.wrap(1, keys, request, random);
      n++;
      now = System.nanoTime();
    } while (now < deadline);
    return (now - start) / 1000.0 / n;
  }
}
