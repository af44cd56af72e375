package org.sotto.coordinator.directory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;

/**
 * The directory's own 32-byte secret, kept in {@code directory.secret} beside (not inside) the
 * accounts database and created on first start. Two keys come from it:
 *
 * <ul>
 *   <li>the <b>pepper</b> under which auth keys are turned into verifiers, so a leaked copy of the
 *       database alone (a backup, a stray file) cannot even be checked against guesses;
 *   <li>the <b>salt key</b> from which every username's salt is derived, so GetLoginParameters
 *       answers the same plausible salt for a name whether or not it is registered.
 * </ul>
 *
 * Losing the file locks every account out (verifiers no longer match), so operators back it up
 * with the database; the operator guide says so.
 */
final class ServerSecret {
  static final String FILE_NAME = "directory.secret";
  private static final int SIZE = 32;
  private static final byte[] PEPPER_INFO = ascii("sotto-directory/verifier-pepper");
  private static final byte[] SALT_INFO = ascii("sotto-directory/username-salt");

  private final byte[] pepper;
  private final byte[] saltKey;

  private ServerSecret(byte[] secret) {
    this.pepper = Hkdf.expand(secret, PEPPER_INFO, 32);
    this.saltKey = Hkdf.expand(secret, SALT_INFO, 32);
  }

  static ServerSecret loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      byte[] fresh = new byte[SIZE];
      random.nextBytes(fresh);
      Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
      restrict(tmp);
      Files.write(tmp, fresh);
      // Atomic: a crash leaves either no secret or a whole one, never half of one.
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      Arrays.fill(fresh, (byte) 0);
    }
    byte[] secret = Files.readAllBytes(file);
    if (secret.length != SIZE) {
      throw new IOException(file + " must hold exactly " + SIZE + " bytes; it holds "
          + secret.length + ". Restore it from your backup (a new one would lock every account "
          + "out)");
    }
    try {
      return new ServerSecret(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** What the database stores for an auth key: HMAC(pepper, username ‖ 0x00 ‖ authKey). */
  byte[] verifier(String username, byte[] authKey) {
    byte[] name = ascii(username + "\0");
    return HmacSha256.mac(pepper, name, authKey);
  }

  /** The 16-byte salt of {@code username}: HMAC(saltKey, username)[0, 16). */
  byte[] saltFor(String username) {
    return Arrays.copyOf(HmacSha256.mac(saltKey, ascii(username)), 16);
  }

  private static void restrict(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
