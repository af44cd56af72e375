package org.sotto.core.ticket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Labels;
import org.sotto.core.wire.RejectedInputException;

/**
 * What an account signs, with its identity signing key, to ask the directory for session tickets:
 *
 * <pre>
 * signed = "sotto/v2/ticket-request" ‖ u8(len(username)) ‖ username ‖ u64 epoch
 *          ‖ SHA-256(blinded₁ ‖ … ‖ blindedₖ)
 * </pre>
 *
 * The signature is what makes tickets account-bound (the directory counts them per account and
 * epoch) without a password: the client keeps its signing key, not its password.
 */
public final class TicketRequest {
  private TicketRequest() {}

  public static byte[] signedBytes(String username, long epoch, List<byte[]> blinded) {
    byte[] name = username.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(Labels.TICKET_REQUEST.length + 1 + name.length + 8 + 32)
        .put(Labels.TICKET_REQUEST).put((byte) name.length).put(name).putLong(epoch)
        .put(digest(blinded)).array();
  }

  public static byte[] sign(byte[] signingPrivateKey, String username, long epoch,
      List<byte[]> blinded) {
    return Ecdsa.sign(signingPrivateKey, signedBytes(username, epoch, blinded));
  }

  /** @throws RejectedInputException when the signature is not the account's over the request */
  public static void verify(byte[] signingPublicKey, String username, long epoch,
      List<byte[]> blinded, byte[] signature) throws RejectedInputException {
    Ecdsa.verify(signingPublicKey, signedBytes(username, epoch, blinded), signature);
  }

  private static byte[] digest(List<byte[]> blinded) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      blinded.forEach(d::update);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
