package org.sotto.core.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.SodiumX25519;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;

/** One X25519 shared secret, per implementation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class X25519Benchmark {
  @Param({"libsodium", "bouncycastle"})
  public String implementation;

  private X25519 x25519;
  private byte[] privateKey;
  private byte[] peerPublicKey;
  private final byte[] out = new byte[32];

  @Setup
  public void setUp() {
    x25519 = implementation.equals("libsodium") ? new SodiumX25519() : new BouncyCastleX25519();
    SecureRandom random = new SecureRandom();
    privateKey = X25519KeyPair.generate(x25519, random).privateKey();
    peerPublicKey = X25519KeyPair.generate(x25519, random).publicKey();
  }

  @Benchmark
  public byte[] sharedSecret() throws RejectedInputException {
    x25519.sharedSecret(privateKey, peerPublicKey, out);
    return out;
  }
}
