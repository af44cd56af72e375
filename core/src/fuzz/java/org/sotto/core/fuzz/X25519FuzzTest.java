package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.sotto.core.crypto.BouncyCastleX25519;
import org.sotto.core.crypto.SodiumX25519;
import org.sotto.core.crypto.X25519;
import org.sotto.core.wire.RejectedInputException;

/**
 * X25519 with any public key (and private key), through both implementations: each either
 * refuses with RejectedInputException or returns a secret, and the two agree on which and on the
 * bytes. Layout: private key (32) ‖ public key (the rest, any length). Low-order and
 * non-canonical points are among the seeds.
 */
class X25519FuzzTest {
  private static final X25519 SODIUM = new SodiumX25519();
  private static final X25519 BOUNCY = new BouncyCastleX25519();

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    return Stream.of(
        FuzzKeys.x25519(0x12).publicKey(),
        // low-order points (RFC 7748 §6.1), with and without the ignored top bit
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        hex("0000000000000000000000000000000000000000000000000000000000000080"),
        // non-canonical u: p - 1, p, p + 1, and p with the top bit set
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"))
        .map(pub -> {
          byte[] seed = new byte[64];
          System.arraycopy(FuzzKeys.MIX.privateKey(), 0, seed, 0, 32);
          System.arraycopy(pub, 0, seed, 32, 32);
          return seed;
        });
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  @FuzzTest(maxDuration = "5s")
  void sharedSecret(byte[] bytes) {
    FuzzInput in = new FuzzInput(bytes);
    byte[] priv = in.exactly(32);
    byte[] pub = in.rest();
    Object sodium = outcome(SODIUM, priv, pub);
    Object bouncy = outcome(BOUNCY, priv, pub);
    if (!sodium.equals(bouncy)) {
      throw new AssertionError("libsodium gave " + sodium + " but Bouncy Castle " + bouncy);
    }
  }

  /** The shared secret as a list of bytes, or the reason it was refused. */
  private static Object outcome(X25519 x25519, byte[] priv, byte[] pub) {
    try {
      return Arrays.toString(x25519.sharedSecret(priv, pub));
    } catch (RejectedInputException e) {
      return e.reason();
    }
  }
}
