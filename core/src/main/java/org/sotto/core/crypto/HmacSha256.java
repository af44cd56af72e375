package org.sotto.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 through the JCE, whose SHA-256 uses the CPU's intrinsics. One {@link Mac} per thread:
 * {@code Mac.getInstance} is far too slow for the per-request hot path.
 */
public final class HmacSha256 {
  private static final String ALGORITHM = "HmacSHA256";
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(HmacSha256::newMac);

  private HmacSha256() {}

  /** HMAC(key, data[off, off+len)) written to out[outOff, outOff+32). */
  public static void mac(byte[] key, byte[] data, int off, int len, byte[] out, int outOff) {
    mac(key, 0, key.length, data, off, len, out, outOff);
  }

  /**
   * HMAC(key[keyOff, keyOff+keyLen), data[off, off+len)) written to out[outOff, outOff+32): for
   * keys that live inside a larger buffer (an onion layer's derived key material), without copying
   * them out first.
   */
  public static void mac(byte[] key, int keyOff, int keyLen, byte[] data, int off, int len,
      byte[] out, int outOff) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, keyOff, keyLen, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 rejected a key", e);
    }
    mac.update(data, off, len);
    try {
      mac.doFinal(out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC output buffer too small", e);
    }
  }

  /** HMAC(key, a ‖ b), for labels followed by data. */
  public static byte[] mac(byte[] key, byte[] a, byte[] b) {
    Mac mac = init(key);
    mac.update(a);
    mac.update(b);
    return mac.doFinal();
  }

  public static byte[] mac(byte[] key, byte[] data) {
    Mac mac = init(key);
    return mac.doFinal(data);
  }

  static Mac init(byte[] key) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 rejected a key", e);
    }
    return mac;
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HMAC-SHA256", e);
    }
  }
}
