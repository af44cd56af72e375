package org.sotto.client.account;

import java.util.Arrays;

/**
 * The two keys a stretched password yields: the auth key, which logs in (the directory keeps only
 * a verifier of it), and the backup key, which encrypts the identity keys and never leaves this
 * machine.
 */
public record PasswordKeys(byte[] authKey, byte[] backupKey) {

  public void destroy() {
    Arrays.fill(authKey, (byte) 0);
    Arrays.fill(backupKey, (byte) 0);
  }
}
