package org.sotto.core.message;

import java.util.Arrays;

/**
 * The AES-256 and HMAC keys one sender uses for one round of one conversation, and what the
 * sender's signature binds besides the message: {@code signatureContext} =
 * "sotto/v2/message-signature" ‖ deadDropId(round) ‖ senderDhPub ({@link RoundKeys#keysFor}),
 * so a signed message of one conversation, round or direction never verifies in another.
 */
public record MessageKeys(byte[] encryptionKey, byte[] macKey, byte[] signatureContext) {

  public void destroy() {
    Arrays.fill(encryptionKey, (byte) 0);
    Arrays.fill(macKey, (byte) 0);
    Arrays.fill(signatureContext, (byte) 0);
  }
}
