package org.sotto.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A, test cases 1–3 (the SHA-256 ones). */
class HkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] range(int from, int toExclusive) {
    byte[] b = new byte[toExclusive - from];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  private static byte[] repeat(int value, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void rfc5869TestCase1() {
    byte[] ikm = repeat(0x0b, 22);
    byte[] salt = range(0x00, 0x0d);
    byte[] info = range(0xf0, 0xfa);
    byte[] prk = Hkdf.extract(salt, ikm);
    assertThat(prk).asHexString().isEqualToIgnoringCase(
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    String okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";
    assertThat(Hkdf.expand(prk, info, 42)).asHexString().isEqualToIgnoringCase(okm);
    assertThat(Hkdf.derive(ikm, salt, info, 42)).asHexString().isEqualToIgnoringCase(okm);
  }

  @Test
  void rfc5869TestCase2LongInputs() {
    byte[] ikm = range(0x00, 0x50);
    byte[] salt = range(0x60, 0xb0);
    byte[] info = range(0xb0, 0x100);
    assertThat(Hkdf.extract(salt, ikm)).asHexString().isEqualToIgnoringCase(
        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
    assertThat(Hkdf.derive(ikm, salt, info, 82)).asHexString().isEqualToIgnoringCase(
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
  }

  @Test
  void rfc5869TestCase3EmptySaltAndInfo() {
    byte[] ikm = repeat(0x0b, 22);
    byte[] prk = Hkdf.extract(new byte[0], ikm);
    assertThat(prk).asHexString().isEqualToIgnoringCase(
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
    assertThat(Hkdf.derive(ikm, new byte[0], new byte[0], 42)).asHexString()
        .isEqualToIgnoringCase(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void expandIsAPrefixOfALongerExpand() {
    byte[] prk = Hkdf.extract(range(0, 32), repeat(7, 32));
    byte[] long_ = Hkdf.expand(prk, HEX.parseHex("01"), 160);
    assertThat(Hkdf.expand(prk, HEX.parseHex("01"), 81))
        .isEqualTo(java.util.Arrays.copyOf(long_, 81));
  }

  @Test
  void outputLengthOutsideTheRfcRangeIsRefused() {
    byte[] prk = new byte[32];
    assertThatThrownBy(() -> Hkdf.expand(prk, new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hkdf.expand(prk, new byte[0], 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Hkdf.expand(prk, new byte[0], 255 * 32)).hasSize(255 * 32);
  }
}
