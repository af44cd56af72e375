package org.sotto.core.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.Labels;

/** HKDF-SHA256 in the shape an onion layer uses: 32-byte secret, 72-byte salt, 160 bytes out. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HkdfBenchmark {
  private byte[] secret;
  private byte[] salt;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    secret = new byte[32];
    salt = new byte[8 + 32 + 32];
    random.nextBytes(secret);
    random.nextBytes(salt);
  }

  @Benchmark
  public byte[] deriveOnionLayerKeys() {
    return Hkdf.derive(secret, salt, Labels.ONION_LAYER, 160);
  }
}
