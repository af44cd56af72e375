package org.sotto.core.fuzz;

import static org.sotto.core.wire.WireSizes.AES_BLOCK;
import static org.sotto.core.wire.WireSizes.MESSAGE_BODY;
import static org.sotto.core.wire.WireSizes.MESSAGE_HEADER;
import static org.sotto.core.wire.WireSizes.MESSAGE_PLAINTEXT;
import static org.sotto.core.wire.WireSizes.SEALED_MESSAGE;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.MessageKeys;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.wire.RejectedInputException;

/**
 * Opening a sealed message. The first byte picks how far in the input gets:
 *
 * <ul>
 *   <li>0: the rest is the sealed message as received (stops at the MAC);
 *   <li>1: IV (16) ‖ plaintext (320), sealed here with the right keys: a peer who holds the
 *       conversation keys sending any plaintext at all (stops at the signature);
 *   <li>2: IV (16) ‖ header ‖ body (256), signed and sealed here: a peer sending any header and
 *       padding, which reaches the header parser. Whatever opens must seal back to the same bytes.
 * </ul>
 */
class MessageSealerFuzzTest {
  private static final MessageKeys KEYS =
      new MessageKeys(FuzzKeys.filled(32, 0x44), FuzzKeys.filled(32, 0x55),
          FuzzKeys.filled(74, 0x66));

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    byte[] header = {0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0, 5, 0, 0, 0, 0};
    byte[] signedMode = new byte[1 + AES_BLOCK + MESSAGE_HEADER + MESSAGE_BODY];
    signedMode[0] = 2;
    System.arraycopy(header, 0, signedMode, 1 + AES_BLOCK, header.length);
    Arrays.fill(signedMode, 1 + AES_BLOCK + MESSAGE_HEADER, 1 + AES_BLOCK + MESSAGE_HEADER + 5,
        (byte) 'h');
    byte[] raw = new byte[1 + SEALED_MESSAGE];
    byte[] plainMode = new byte[1 + AES_BLOCK + MESSAGE_PLAINTEXT];
    plainMode[0] = 1;
    return Stream.of(raw, plainMode, signedMode);
  }

  @FuzzTest(maxDuration = "5s")
  void open(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    int mode = in.u8() % 3;
    byte[] sealed;
    byte[] iv = null;
    if (mode == 0) {
      sealed = in.rest();
    } else {
      iv = in.exactly(AES_BLOCK);
      byte[] plain = in.exactly(MESSAGE_PLAINTEXT);
      if (mode == 2) {
        Ecdsa.sign(FuzzKeys.SIGNER.privateKey(), plain, 0, MESSAGE_HEADER + MESSAGE_BODY, plain,
            MESSAGE_HEADER + MESSAGE_BODY);
      }
      sealed = seal(iv, plain);
    }
    try {
      ConversationMessage message = MessageSealer.open(sealed, KEYS, FuzzKeys.SIGNER.publicKey());
      if (mode == 2 && !Arrays.equals(
          MessageSealer.seal(message, FuzzKeys.SIGNER.privateKey(), KEYS, iv), sealed)) {
        throw new AssertionError("an opened message does not seal back to the same bytes");
      }
    } catch (RejectedInputException expected) {
      // the only way to refuse a message
    }
  }

  /** The sealed format with any plaintext: IV ‖ AES-256-CBC(plain) ‖ HMAC(IV ‖ ct). */
  private static byte[] seal(byte[] iv, byte[] plain) {
    byte[] sealed = new byte[SEALED_MESSAGE];
    System.arraycopy(iv, 0, sealed, 0, AES_BLOCK);
    AesCbc.encrypt(KEYS.encryptionKey(), iv, 0, plain, 0, MESSAGE_PLAINTEXT, sealed, AES_BLOCK);
    int tagOff = AES_BLOCK + MESSAGE_PLAINTEXT;
    HmacSha256.mac(KEYS.macKey(), sealed, 0, tagOff, sealed, tagOff);
    return sealed;
  }
}
