package org.sotto.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC without padding through the JCE (AES-NI intrinsics). Every Sotto plaintext is a
 * multiple of 16 bytes by construction, so no padding exists to be attacked.
 */
public final class AesCbc {
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesCbc::newCipher);

  private AesCbc() {}

  /** Encrypts in[inOff, inOff+len) into out[outOff, …); len must be a multiple of 16. */
  public static void encrypt(
      byte[] key, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    run(Cipher.ENCRYPT_MODE, key, iv, ivOff, in, inOff, len, out, outOff);
  }

  /** Decrypts in[inOff, inOff+len) into out[outOff, …); len must be a multiple of 16. */
  public static void decrypt(
      byte[] key, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    run(Cipher.DECRYPT_MODE, key, iv, ivOff, in, inOff, len, out, outOff);
  }

  /**
   * Encrypts with the 32-byte key at key[keyOff, keyOff+32), for keys inside a larger buffer.
   */
  public static void encrypt(byte[] key, int keyOff, byte[] iv, int ivOff, byte[] in, int inOff,
      int len, byte[] out, int outOff) {
    run(Cipher.ENCRYPT_MODE, key, keyOff, 32, iv, ivOff, in, inOff, len, out, outOff);
  }

  /**
   * Decrypts with the 32-byte key at key[keyOff, keyOff+32), for keys inside a larger buffer.
   */
  public static void decrypt(byte[] key, int keyOff, byte[] iv, int ivOff, byte[] in, int inOff,
      int len, byte[] out, int outOff) {
    run(Cipher.DECRYPT_MODE, key, keyOff, 32, iv, ivOff, in, inOff, len, out, outOff);
  }

  private static void run(
      int mode, byte[] key, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out,
      int outOff) {
    run(mode, key, 0, key.length, iv, ivOff, in, inOff, len, out, outOff);
  }

  private static void run(int mode, byte[] key, int keyOff, int keyLen, byte[] iv, int ivOff,
      byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len % 16 != 0) {
      throw new IllegalArgumentException("AES-CBC input must be a multiple of 16 bytes: " + len);
    }
    Cipher cipher = CIPHER.get();
    try {
      cipher.init(mode, new SecretKeySpec(key, keyOff, keyLen, "AES"), new IvParameterSpec(iv, ivOff, 16));
      cipher.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC failed", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no AES/CBC/NoPadding", e);
    }
  }
}
