package org.sotto.launcher.bench;

import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalDouble;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.SodiumX25519;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.wire.WireSizes;

/** The workloads of {@code sotto bench crypto} and the targets for them. */
final class CryptoWorkloads {
  private static final long ROUND = 1;

  private CryptoWorkloads() {}

  static List<Workload> all() {
    return List.of(
        new Workload("X25519 libsodium", OptionalDouble.of(0.80),
            () -> x25519(new SodiumX25519())),
        new Workload("X25519 Bouncy Castle", OptionalDouble.empty(),
            () -> x25519(new BouncyCastleX25519())),
        new Workload("layer peel (" + X25519Engines.best().name() + ")", OptionalDouble.of(0.80),
            CryptoWorkloads::peel));
  }

  /** X25519(privateKey, peerPublicKey) into a reused buffer. */
  private static Workload.Operation x25519(X25519 x25519) {
    SecureRandom random = new SecureRandom();
    byte[] privateKey = X25519KeyPair.generate(x25519, random).privateKey();
    byte[] peer = X25519KeyPair.generate(x25519, random).publicKey();
    byte[] out = new byte[32];
    return () -> {
      x25519.sharedSecret(privateKey, peer, out);
      return out;
    };
  }

  /** A mix peeling a one-layer onion: X25519 + HKDF + HMAC check + AES-CBC decrypt. */
  private static Workload.Operation peel() throws Exception {
    X25519 x25519 = X25519Engines.best();
    SecureRandom random = new SecureRandom();
    X25519KeyPair mix = X25519KeyPair.generate(x25519, random);
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);
    byte[] onion = new OnionWrapper(x25519)
        .wrap(ROUND, List.of(mix.publicKey()), request, random).onion();
    OnionPeeler peeler = new OnionPeeler(x25519, ROUND, mix, 1);
    return () -> peeler.peel(onion);
  }
}
