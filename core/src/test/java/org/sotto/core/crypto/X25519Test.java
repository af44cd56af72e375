package org.sotto.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;

/** RFC 7748 vectors and input rejection, for both X25519 engines. */
class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<X25519> engines() {
    return Stream.of(new SodiumX25519(), new BouncyCastleX25519());
  }

  /**
   * Points whose X25519 with any clamped scalar is all zeros: libsodium's small-order blacklist
   * (0, 1, the two points of order 8, p-1, p, p+1), each also with the ignored top bit set.
   */
  static final String[] LOW_ORDER_POINTS = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "0100000000000000000000000000000000000000000000000000000000000080",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
  };

  static Stream<Arguments> enginesAndLowOrderPoints() {
    return engines().flatMap(e -> Stream.of(LOW_ORDER_POINTS).map(p -> Arguments.of(e, p)));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc7748Section52Vectors(X25519 x) throws Exception {
    assertThat(x.sharedSecret(
            HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")))
        .asHexString()
        .isEqualToIgnoringCase("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    // The second vector's u has its top bit set: implementations must ignore it.
    assertThat(x.sharedSecret(
            HEX.parseHex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            HEX.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")))
        .asHexString()
        .isEqualToIgnoringCase("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc7748Section52Iterations(X25519 x) throws Exception {
    byte[] k = HEX.parseHex("0900000000000000000000000000000000000000000000000000000000000000");
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] r = x.sharedSecret(k, u);
      u = k;
      k = r;
      if (i == 1) {
        assertThat(k).asHexString().isEqualToIgnoringCase(
            "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
      }
    }
    assertThat(k).asHexString().isEqualToIgnoringCase(
        "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void rfc7748Section61DiffieHellman(X25519 x) throws Exception {
    byte[] alicePriv =
        HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobPriv =
        HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePub = x.publicKey(alicePriv);
    byte[] bobPub = x.publicKey(bobPriv);
    assertThat(alicePub).asHexString().isEqualToIgnoringCase(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(bobPub).asHexString().isEqualToIgnoringCase(
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertThat(x.sharedSecret(alicePriv, bobPub)).asHexString().isEqualToIgnoringCase(shared);
    assertThat(x.sharedSecret(bobPriv, alicePub)).asHexString().isEqualToIgnoringCase(shared);
  }

  /** RFC 7748 §5: u-coordinates are taken modulo p = 2^255 - 19 and the top bit is ignored. */
  @ParameterizedTest
  @MethodSource("engines")
  void nonCanonicalAndHighBitCoordinatesAreReducedModP(X25519 x) throws Exception {
    byte[] priv = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] nine = new byte[32];
    nine[0] = 9;
    byte[] pPlus9 = HEX.parseHex(
        "f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); // p + 9
    byte[] nineHighBit = nine.clone();
    nineHighBit[31] = (byte) 0x80;
    byte[] expected = x.publicKey(priv);
    assertThat(x.sharedSecret(priv, nine)).isEqualTo(expected);
    assertThat(x.sharedSecret(priv, pPlus9)).isEqualTo(expected);
    assertThat(x.sharedSecret(priv, nineHighBit)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("enginesAndLowOrderPoints")
  void lowOrderPointsGiveTheZeroSharedSecretAndAreRejected(X25519 x, String point) {
    byte[] priv = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] out = new byte[32];
    java.util.Arrays.fill(out, (byte) 0x55);
    assertThatThrownBy(() -> x.sharedSecret(priv, HEX.parseHex(point), out))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ZERO_SHARED_SECRET));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void wrongKeyLengthsAreRejected(X25519 x) {
    byte[] good = new byte[32];
    good[0] = 9;
    for (int len : new int[] {0, 31, 33, 64}) {
      assertThatThrownBy(() -> x.sharedSecret(new byte[len], good))
          .isInstanceOfSatisfying(RejectedInputException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
      assertThatThrownBy(() -> x.sharedSecret(good, new byte[len]))
          .isInstanceOfSatisfying(RejectedInputException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void wrongBufferLengthsAreProgrammingErrors(X25519 x) {
    // A native library writing 32 bytes into a shorter buffer would corrupt memory.
    assertThatThrownBy(() -> x.publicKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> x.publicKey(new byte[32], new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] pub = x.publicKey(new byte[32]);
    assertThatThrownBy(() -> x.sharedSecret(new byte[32], pub, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bestEngineIsOneOfTheTwo() {
    assertThat(X25519Engines.best().name()).isIn("libsodium", "bouncycastle");
  }
}
