package org.sotto.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * HKDF-SHA256 (RFC 5869): extract a pseudorandom key from input keying material and a salt, then
 * expand it with an info label into as many bytes as needed.
 *
 * <p>Written over the JCE's HMAC rather than Bouncy Castle's {@code HKDFBytesGenerator} because
 * the JCE HMAC is several times faster and HKDF runs once per onion layer on the mix hot path. The
 * RFC 5869 test vectors and a cross-check against Bouncy Castle pin it (HkdfTest).
 */
public final class Hkdf {
  private static final int HASH_LEN = 32;
  private static final byte[] ZERO_SALT = new byte[HASH_LEN];

  private Hkdf() {}

  /** HKDF-Extract: PRK = HMAC(salt, ikm). An empty salt means 32 zero bytes (RFC 5869 §2.2). */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    return HmacSha256.mac(salt.length == 0 ? ZERO_SALT : salt, ikm);
  }

  /** HKDF-Expand: T(1) ‖ T(2) ‖ … with T(i) = HMAC(PRK, T(i-1) ‖ info ‖ i), truncated to length. */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length <= 0 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF length must be 1.." + 255 * HASH_LEN);
    }
    byte[] out = new byte[length];
    byte[] t = new byte[HASH_LEN];
    Mac mac = HmacSha256.init(prk);
    int written = 0;
    for (int i = 1; written < length; i++) {
      if (i > 1) {
        mac.update(t);
      }
      mac.update(info);
      mac.update((byte) i);
      try {
        mac.doFinal(t, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      int n = Math.min(HASH_LEN, length - written);
      System.arraycopy(t, 0, out, written, n);
      written += n;
    }
    java.util.Arrays.fill(t, (byte) 0);
    return out;
  }

  /** Extract then expand. */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, length);
    } finally {
      java.util.Arrays.fill(prk, (byte) 0);
    }
  }
}
