package org.sotto.core.message;

import static org.sotto.core.wire.WireSizes.AES_BLOCK;
import static org.sotto.core.wire.WireSizes.MAC_TAG;
import static org.sotto.core.wire.WireSizes.MESSAGE_BODY;
import static org.sotto.core.wire.WireSizes.MESSAGE_HEADER;
import static org.sotto.core.wire.WireSizes.MESSAGE_PLAINTEXT;
import static org.sotto.core.wire.WireSizes.SEALED_MESSAGE;

import java.security.SecureRandom;
import java.util.Arrays;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.wire.RejectedInputException;

/**
 * Seals and opens the fixed-size end-to-end conversation message.
 *
 * <pre>
 * plaintext (320) = header (16) ‖ body (240, zero-padded)
 *                   ‖ ECDSA-P256(signature context ‖ header ‖ body) (64)
 * sealed    (368) = IV (16, random) ‖ AES-256-CBC(encKey, IV, plaintext) (320) ‖ HMAC(macKey, IV ‖ ct) (32)
 * </pre>
 *
 * Encrypt-then-MAC: {@link #open} checks the tag in constant time before it decrypts anything.
 * The signature context ({@link MessageKeys#signatureContext}) binds conversation, round and
 * direction, which are not sent.
 */
public final class MessageSealer {
  private static final int CT_OFF = AES_BLOCK;
  private static final int TAG_OFF = AES_BLOCK + MESSAGE_PLAINTEXT;

  private MessageSealer() {}

  public static byte[] seal(
      ConversationMessage message, byte[] signingKey, MessageKeys keys, SecureRandom random) {
    byte[] iv = new byte[AES_BLOCK];
    random.nextBytes(iv);
    return seal(message, signingKey, keys, iv);
  }

  /** Seals with a caller-chosen IV; only test vectors pass one, everyone else a random one. */
  public static byte[] seal(
      ConversationMessage message, byte[] signingKey, MessageKeys keys, byte[] iv) {
    byte[] plain = new byte[MESSAGE_PLAINTEXT];
    message.header().writeTo(plain, 0);
    System.arraycopy(message.body(), 0, plain, MESSAGE_HEADER, message.body().length);
    byte[] signed = signedBytes(keys, plain);
    Ecdsa.sign(signingKey, signed, 0, signed.length, plain, MESSAGE_HEADER + MESSAGE_BODY);
    Arrays.fill(signed, (byte) 0);

    byte[] sealed = new byte[SEALED_MESSAGE];
    System.arraycopy(iv, 0, sealed, 0, AES_BLOCK);
    AesCbc.encrypt(keys.encryptionKey(), sealed, 0, plain, 0, MESSAGE_PLAINTEXT, sealed, CT_OFF);
    HmacSha256.mac(keys.macKey(), sealed, 0, TAG_OFF, sealed, TAG_OFF);
    Arrays.fill(plain, (byte) 0);
    return sealed;
  }

  /** signature context ‖ header ‖ body: what the sender signs. */
  private static byte[] signedBytes(MessageKeys keys, byte[] plain) {
    byte[] context = keys.signatureContext();
    byte[] signed = Arrays.copyOf(context, context.length + MESSAGE_HEADER + MESSAGE_BODY);
    System.arraycopy(plain, 0, signed, context.length, MESSAGE_HEADER + MESSAGE_BODY);
    return signed;
  }

  /**
   * Opens a sealed message from the peer whose signing public key is given.
   *
   * @throws RejectedInputException WRONG_LENGTH, BAD_MAC, MALFORMED (header) or BAD_SIGNATURE
   */
  public static ConversationMessage open(byte[] sealed, MessageKeys keys, byte[] senderSigningKey)
      throws RejectedInputException {
    RejectedInputException.requireLength("sealed message", sealed.length, SEALED_MESSAGE);
    byte[] tag = new byte[MAC_TAG];
    HmacSha256.mac(keys.macKey(), sealed, 0, TAG_OFF, tag, 0);
    if (!ConstantTime.equals(tag, 0, sealed, TAG_OFF, MAC_TAG)) {
      throw new RejectedInputException(
          RejectedInputException.Reason.BAD_MAC,
          "sealed message fails its HMAC: wrong keys, wrong round, or tampered");
    }
    byte[] plain = new byte[MESSAGE_PLAINTEXT];
    AesCbc.decrypt(keys.encryptionKey(), sealed, 0, sealed, CT_OFF, MESSAGE_PLAINTEXT, plain, 0);
    byte[] signed = signedBytes(keys, plain);
    Ecdsa.verify(senderSigningKey, signed, 0, signed.length, plain,
        MESSAGE_HEADER + MESSAGE_BODY);
    MessageHeader header = MessageHeader.readFrom(plain, 0);
    if (!ConstantTime.isAllZero(plain, MESSAGE_HEADER + header.length(),
        MESSAGE_BODY - header.length())) {
      throw new RejectedInputException(
          RejectedInputException.Reason.MALFORMED, "message body padding is not zero");
    }
    byte[] body = Arrays.copyOfRange(plain, MESSAGE_HEADER, MESSAGE_HEADER + header.length());
    return new ConversationMessage(header, body);
  }
}
