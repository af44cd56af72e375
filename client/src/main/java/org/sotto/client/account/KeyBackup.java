package org.sotto.client.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.wire.RejectedInputException;

/**
 * The identity keys' backup that the directory stores and cannot read (112 bytes):
 *
 * <pre>
 * encKey ‖ macKey = HKDF-Expand(backupKey, "sotto/v1/key-backup", 64)
 * plaintext       = signingPrivate (32) ‖ x25519Private (32)
 * backup          = IV (16, random) ‖ AES-256-CBC(encKey, IV, plaintext) (64)
 *                   ‖ HMAC(macKey, "sotto/v1/key-backup" ‖ u8(len(username)) ‖ username ‖ IV ‖ ct)
 * </pre>
 *
 * Encrypt-then-MAC with the same AES-CBC and HMAC-SHA256 as the conversation messages, rather
 * than AES-GCM: one authenticated construction in the whole protocol, already specified and
 * vector-tested, and a random 16-byte IV where GCM's 12-byte nonce would be one more thing to get
 * right. The MAC covers the username, so a directory cannot hand Alice's backup to Bob's login.
 */
public final class KeyBackup {
  public static final int SIZE = 16 + 64 + 32;

  /** The private halves of an identity. */
  public record Secrets(byte[] signingPrivateKey, byte[] x25519PrivateKey) {
    public void destroy() {
      Arrays.fill(signingPrivateKey, (byte) 0);
      Arrays.fill(x25519PrivateKey, (byte) 0);
    }
  }

  private KeyBackup() {}

  public static byte[] seal(Secrets secrets, byte[] backupKey, String username,
      SecureRandom random) {
    byte[] keys = Hkdf.expand(backupKey, Labels.KEY_BACKUP, 64);
    try {
      byte[] plain = new byte[64];
      System.arraycopy(secrets.signingPrivateKey(), 0, plain, 0, 32);
      System.arraycopy(secrets.x25519PrivateKey(), 0, plain, 32, 32);
      byte[] out = new byte[SIZE];
      byte[] iv = new byte[16];
      random.nextBytes(iv);
      System.arraycopy(iv, 0, out, 0, 16);
      AesCbc.encrypt(Arrays.copyOf(keys, 32), out, 0, plain, 0, 64, out, 16);
      Arrays.fill(plain, (byte) 0);
      byte[] tag = tag(keys, username, out);
      System.arraycopy(tag, 0, out, 80, 32);
      return out;
    } finally {
      Arrays.fill(keys, (byte) 0);
    }
  }

  /**
   * @throws RejectedInputException WRONG_LENGTH or BAD_MAC (wrong key, another user's backup, or
   *     tampered)
   */
  public static Secrets open(byte[] backup, byte[] backupKey, String username)
      throws RejectedInputException {
    RejectedInputException.requireLength("key backup", backup.length, SIZE);
    byte[] keys = Hkdf.expand(backupKey, Labels.KEY_BACKUP, 64);
    try {
      if (!ConstantTime.equals(tag(keys, username, backup), 0, backup, 80, 32)) {
        throw new RejectedInputException(RejectedInputException.Reason.BAD_MAC,
            "the key backup does not authenticate: wrong password, another user's backup, or "
                + "tampered");
      }
      byte[] plain = new byte[64];
      AesCbc.decrypt(Arrays.copyOf(keys, 32), backup, 0, backup, 16, 64, plain, 0);
      Secrets s = new Secrets(Arrays.copyOfRange(plain, 0, 32), Arrays.copyOfRange(plain, 32, 64));
      Arrays.fill(plain, (byte) 0);
      return s;
    } finally {
      Arrays.fill(keys, (byte) 0);
    }
  }

  private static byte[] tag(byte[] keys, String username, byte[] backup) {
    byte[] name = username.getBytes(StandardCharsets.US_ASCII);
    byte[] macKey = Arrays.copyOfRange(keys, 32, 64);
    byte[] data = ByteBuffer.allocate(Labels.KEY_BACKUP.length + 1 + name.length + 80)
        .put(Labels.KEY_BACKUP).put((byte) name.length).put(name).put(backup, 0, 80).array();
    byte[] tag = HmacSha256.mac(macKey, data);
    Arrays.fill(macKey, (byte) 0);
    return tag;
  }
}
