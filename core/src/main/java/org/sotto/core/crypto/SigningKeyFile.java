package org.sotto.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.sotto.core.tls.ClusterCa;

/** A node's long-term ECDSA P-256 private scalar, stored as one line of hex, owner-only. */
public final class SigningKeyFile {
  private SigningKeyFile() {}

  public static void write(Path file, byte[] privateKey) throws IOException {
    ClusterCa.writePem(file, HexFormat.of().formatHex(privateKey) + "\n", true);
  }

  public static byte[] read(Path file) throws IOException {
    String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      byte[] key = HexFormat.of().parseHex(hex);
      if (key.length != 32) {
        throw new IOException(file + " must hold a 32-byte key in hex, found " + key.length);
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a hex signing key: " + e.getMessage(), e);
    }
  }
}
