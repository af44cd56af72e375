package org.sotto.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** Sotto's JCE-based HKDF gives the same bytes as Bouncy Castle's for any inputs. */
class HkdfPropertiesTest {

  @Property
  void agreesWithBouncyCastle(
      @ForAll @Size(max = 100) byte[] ikm,
      @ForAll @Size(max = 100) byte[] salt,
      @ForAll @Size(max = 100) byte[] info,
      @ForAll @IntRange(min = 1, max = 600) int length) {
    HKDFBytesGenerator bc = new HKDFBytesGenerator(new SHA256Digest());
    bc.init(new HKDFParameters(ikm, salt, info));
    byte[] expected = new byte[length];
    bc.generateBytes(expected, 0, length);

    assertThat(Hkdf.derive(ikm, salt, info, length)).isEqualTo(expected);
  }
}
