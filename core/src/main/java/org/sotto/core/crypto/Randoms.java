package org.sotto.core.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Cryptographic randomness for the hot paths, without a global lock.
 *
 * <p>{@code new SecureRandom()} on Linux is NativePRNG, whose {@code nextBytes} takes one lock
 * shared by every instance in the JVM (it mixes /dev/urandom with a single shared SHA1PRNG). A
 * profile of a 1,000-user round showed the mixes' noise workers and the benchmark clients queueing
 * on that lock for seconds per round. {@link #perThread()} instead gives each thread its own
 * NIST SP 800-90A Hash_DRBG (SHA-256, the JDK's "DRBG"), seeded independently from the operating
 * system's entropy source when the thread first asks. That is as strong as the shared generator:
 * each instance is a full DRBG with its own 256-bit-security seed, nothing is shared between
 * threads, and an attacker who sees one thread's output learns nothing about another's. Outputs
 * never leave the thread that drew them except as the keys, nonces and permutations they make.
 */
public final class Randoms {
  private static final ThreadLocal<SecureRandom> PER_THREAD =
      ThreadLocal.withInitial(Randoms::newDrbg);

  private Randoms() {}

  /** This thread's own SecureRandom (Hash_DRBG, seeded from the system); never share it. */
  public static SecureRandom perThread() {
    return PER_THREAD.get();
  }

  /** A fresh DRBG seeded from the system, for an owner that keeps it to one thread at a time. */
  public static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) { // every JDK 9+ has it; fall back rather than fail
      return new SecureRandom();
    }
  }

  /**
   * A {@link RandomGenerator} over {@code source} that draws its bits 4 KiB at a time, for loops
   * that need many small numbers (a Fisher–Yates shuffle of a whole batch). Every bit still comes
   * from {@code source}; bounded draws use the default, unbiased rejection methods of
   * {@link RandomGenerator}. Not thread-safe.
   */
  public static RandomGenerator buffered(SecureRandom source) {
    return new Buffered(source);
  }

  private static final class Buffered implements RandomGenerator {
    private final SecureRandom source;
    private final byte[] buffer = new byte[4096];
    private int next = buffer.length;

    Buffered(SecureRandom source) {
      this.source = source;
    }

    @Override
    public long nextLong() {
      if (next + 8 > buffer.length) {
        source.nextBytes(buffer);
        next = 0;
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buffer[next + i] & 0xff);
      }
      java.util.Arrays.fill(buffer, next, next + 8, (byte) 0);
      next += 8;
      return v;
    }
  }
}
