package org.sotto.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;

class EcdsaTest {
  private static final HexFormat HEX = HexFormat.of();
  /** RFC 6979 A.2.5: the P-256 key. */
  private static final byte[] RFC_PRIV =
      HEX.parseHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  private static final String RFC_UX =
      "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
  private static final String RFC_UY =
      "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
  /** Order of the P-256 group. */
  private static final BigInteger N = new BigInteger(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  private final SecureRandom random = new SecureRandom();

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void rfc6979PublicKey() {
    assertThat(Ecdsa.publicKey(RFC_PRIV)).asHexString()
        .isEqualToIgnoringCase("04" + RFC_UX + RFC_UY);
  }

  @Test
  void rfc6979SampleWithSha256() throws Exception {
    byte[] msg = "sample".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(RFC_PRIV, msg);
    assertThat(sig).asHexString().isEqualToIgnoringCase(
        "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
            + "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
    Ecdsa.verify(Ecdsa.publicKey(RFC_PRIV), msg, sig);
  }

  @Test
  void rfc6979TestWithSha256() throws Exception {
    byte[] msg = "test".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(RFC_PRIV, msg);
    // s has a leading zero byte: the 32-byte big-endian encoding must keep it.
    assertThat(sig).asHexString().isEqualToIgnoringCase(
        "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
            + "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083");
    Ecdsa.verify(Ecdsa.publicKey(RFC_PRIV), msg, sig);
  }

  @Test
  void signaturesAreDeterministicAndDependOnTheMessage() {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = new byte[100];
    random.nextBytes(data);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    assertThat(sig).hasSize(64);
    assertThat(Ecdsa.sign(kp.privateKey(), data)).isEqualTo(sig);
    data[0] ^= 1;
    assertThat(Ecdsa.sign(kp.privateKey(), data)).isNotEqualTo(sig);
  }

  @Test
  void offsetVariantSignsOnlyTheRange() throws Exception {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] buf = new byte[200];
    random.nextBytes(buf);
    byte[] sig = new byte[80];
    Ecdsa.sign(kp.privateKey(), buf, 10, 100, sig, 16);
    assertThat(java.util.Arrays.copyOfRange(sig, 16, 80))
        .isEqualTo(Ecdsa.sign(kp.privateKey(), java.util.Arrays.copyOfRange(buf, 10, 110)));
    Ecdsa.verify(kp.publicKey(), buf, 10, 100, sig, 16);
  }

  @Test
  void generatedKeysHaveTheDocumentedSizes() {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    assertThat(kp.privateKey()).hasSize(32);
    assertThat(kp.publicKey()).hasSize(65).startsWith((byte) 0x04);
    assertThat(Ecdsa.publicKey(kp.privateKey())).isEqualTo(kp.publicKey());
  }

  @Test
  void everyBitFlipOfDataOrSignatureIsABadSignature() throws Exception {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = new byte[40];
    random.nextBytes(data);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    Ecdsa.verify(kp.publicKey(), data, sig);
    for (int bit = 0; bit < data.length * 8; bit++) {
      byte[] d = data.clone();
      d[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> Ecdsa.verify(kp.publicKey(), d, sig), Reason.BAD_SIGNATURE);
    }
    for (int bit = 0; bit < sig.length * 8; bit++) {
      byte[] s = sig.clone();
      s[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> Ecdsa.verify(kp.publicKey(), data, s), Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void anotherKeysSignatureIsABadSignature() {
    Ecdsa.KeyPair alice = Ecdsa.generate(random);
    Ecdsa.KeyPair mallory = Ecdsa.generate(random);
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    assertRejected(() -> Ecdsa.verify(alice.publicKey(), data, Ecdsa.sign(mallory.privateKey(),
        data)), Reason.BAD_SIGNATURE);
  }

  @Test
  void outOfRangeScalarsAreBadSignatures() {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    byte[] n = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N);
    byte[] zeroR = sig.clone();
    java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
    byte[] zeroS = sig.clone();
    java.util.Arrays.fill(zeroS, 32, 64, (byte) 0);
    byte[] rIsN = sig.clone();
    System.arraycopy(n, 0, rIsN, 0, 32);
    byte[] sIsN = sig.clone();
    System.arraycopy(n, 0, sIsN, 32, 32);
    for (byte[] bad : new byte[][] {zeroR, zeroS, rIsN, sIsN, new byte[64]}) {
      assertRejected(() -> Ecdsa.verify(kp.publicKey(), data, bad), Reason.BAD_SIGNATURE);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 33, 64, 66})
  void publicKeysOfTheWrongLengthAreRejected(int length) {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    byte[] key = java.util.Arrays.copyOf(kp.publicKey(), length);
    assertRejected(() -> Ecdsa.verify(key, data, sig), Reason.WRONG_LENGTH);
  }

  @Test
  void signaturesOfTheWrongLengthAreRejected() {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    for (int len : new int[] {0, 63, 65, 72}) {
      assertRejected(() -> Ecdsa.verify(kp.publicKey(), data, java.util.Arrays.copyOf(sig, len)),
          Reason.WRONG_LENGTH);
    }
  }

  @Test
  void malformedPublicKeysAreRejected() {
    Ecdsa.KeyPair kp = Ecdsa.generate(random);
    byte[] data = "x".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = Ecdsa.sign(kp.privateKey(), data);
    byte[] pub = kp.publicKey();

    byte[] offCurve = pub.clone();
    offCurve[64] ^= 1; // y no longer matches x
    byte[] allZero = new byte[65];
    byte[] infinityPrefix = pub.clone();
    infinityPrefix[0] = 0x00;
    byte[] compressedPrefix = pub.clone();
    compressedPrefix[0] = 0x02;
    byte[] unknownPrefix = pub.clone();
    unknownPrefix[0] = 0x05;
    byte[] xTooLarge = pub.clone();
    java.util.Arrays.fill(xTooLarge, 1, 33, (byte) 0xff);
    // SEC1 "hybrid" encodings (0x06/0x07 with the parity of y) name the same point as 0x04 but
    // are not the uncompressed encoding Sotto specifies; accepting them would give one key two
    // byte strings.
    byte[] hybrid = pub.clone();
    hybrid[0] = (byte) (0x06 | (pub[64] & 1));

    for (byte[] bad : new byte[][] {offCurve, allZero, infinityPrefix, compressedPrefix,
        unknownPrefix, xTooLarge, hybrid}) {
      assertRejected(() -> Ecdsa.verify(bad, data, sig), Reason.MALFORMED);
    }
  }
}
