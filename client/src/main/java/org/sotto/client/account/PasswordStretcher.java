package org.sotto.client.account;

import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.Labels;

/**
 * Stretches a password into {@link PasswordKeys}:
 *
 * <pre>
 * master    = Argon2id(v=0x13, password = UTF-8(NFC(password)), salt, m, t, p, 32 bytes)
 * authKey   = HKDF-Expand(master, "sotto/v1/auth-key", 32)
 * backupKey = HKDF-Expand(master, "sotto/v1/backup-key", 32)
 * </pre>
 *
 * NFC normalisation makes a password typed with a composed "é" on one keyboard and a decomposed
 * one on another give the same keys. The costs come from the directory, so a floor guards against
 * a directory that asks for cheap ones: with the auth key it holds, such a directory could
 * brute-force the password and then open the backup.
 */
public final class PasswordStretcher {
  private final Argon2Settings floor;

  /** A stretcher that refuses costs below {@code floor} (normally Argon2Settings.MINIMUM). */
  public PasswordStretcher(Argon2Settings floor) {
    this.floor = floor;
  }

  /**
   * @throws IllegalArgumentException when the settings are out of range or below the floor
   */
  public PasswordKeys stretch(char[] password, byte[] salt, Argon2Settings settings) {
    if (!settings.problems().isEmpty() || !settings.atLeast(floor)) {
      throw new IllegalArgumentException("the directory asks for " + settings + ", below this "
          + "client's floor " + floor + " or out of range: a password stretched so cheaply "
          + "would be easy to crack, so this client refuses");
    }
    if (salt.length < 16) {
      throw new IllegalArgumentException("the salt must have at least 16 bytes");
    }
    byte[] utf8 = utf8(password);
    byte[] master = new byte[32];
    try {
      Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
      argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withSalt(salt)
          .withMemoryAsKB(settings.memoryKib())
          .withIterations(settings.iterations())
          .withParallelism(settings.parallelism())
          .build());
      argon2.generateBytes(utf8, master);
      return new PasswordKeys(Hkdf.expand(master, Labels.AUTH_KEY, 32),
          Hkdf.expand(master, Labels.BACKUP_KEY, 32));
    } finally {
      Arrays.fill(utf8, (byte) 0);
      Arrays.fill(master, (byte) 0);
    }
  }

  private static byte[] utf8(char[] password) {
    String normalized = Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFC);
    ByteBuffer b = StandardCharsets.UTF_8.encode(normalized);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) {
      Arrays.fill(b.array(), (byte) 0);
    }
    return out;
  }
}
