package org.sotto.core.message;

import java.util.Arrays;

/** The AES-256 and HMAC keys one sender uses for one round of one conversation. */
public record MessageKeys(byte[] encryptionKey, byte[] macKey) {

  public void destroy() {
    Arrays.fill(encryptionKey, (byte) 0);
    Arrays.fill(macKey, (byte) 0);
  }
}
