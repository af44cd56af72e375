package org.sotto.core.dialing;

import static org.sotto.core.wire.WireSizes.INVITATION_SIGNED_FIELDS;
import static org.sotto.core.wire.WireSizes.SIGNING_PUBLIC_KEY;
import static org.sotto.core.wire.WireSizes.USERNAME_MAX;
import static org.sotto.core.wire.WireSizes.X25519_KEY;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.wire.RejectedInputException;

/**
 * What a caller tells a callee: who is calling (name and both identity public keys) and the
 * conversation round from which both derive their conversation (docs/protocol.md §14). Only the
 * signed fields; {@link InvitationBox} adds the signature and seals it.
 *
 * <pre>
 * nameLength u8 ‖ name (32, zero-padded) ‖ signingKey (65) ‖ dhKey (32) ‖ u64be(startRound) ‖ 6 zero bytes
 * </pre>
 *
 * @param callerUsername the caller's canonical username, 1 to 32 characters of [a-z0-9_]
 * @param callerSigningKey the caller's ECDSA P-256 identity key, SEC1 uncompressed
 * @param callerDhKey the caller's X25519 identity public key
 * @param startRound the first conversation round of the conversation the caller proposes
 */
public record InvitationBody(String callerUsername, byte[] callerSigningKey, byte[] callerDhKey,
    long startRound) {

  public InvitationBody {
    if (!wellFormedName(callerUsername)) {
      throw new IllegalArgumentException("an invitation carries a username of 1 to "
          + USERNAME_MAX + " characters from [a-z0-9_], not '" + callerUsername + "'");
    }
    if (callerSigningKey.length != SIGNING_PUBLIC_KEY || callerDhKey.length != X25519_KEY) {
      throw new IllegalArgumentException("identity keys are 65 (ECDSA) and 32 (X25519) bytes");
    }
    if (startRound < 0) {
      throw new IllegalArgumentException("the start round is an unsigned 64-bit round number");
    }
    callerSigningKey = callerSigningKey.clone();
    callerDhKey = callerDhKey.clone();
  }

  @Override
  public byte[] callerSigningKey() {
    return callerSigningKey.clone();
  }

  @Override
  public byte[] callerDhKey() {
    return callerDhKey.clone();
  }

  /** The 144 signed bytes. */
  byte[] encode() {
    byte[] name = callerUsername.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(INVITATION_SIGNED_FIELDS);
    b.put((byte) name.length).put(name).position(1 + USERNAME_MAX);
    b.put(callerSigningKey).put(callerDhKey).putLong(startRound);
    return b.array(); // the 6 reserved bytes stay zero
  }

  /** @throws RejectedInputException MALFORMED for a bad name, padding or reserved bytes */
  static InvitationBody decode(byte[] plain) throws RejectedInputException {
    int length = plain[0] & 0xff;
    if (length < 1 || length > USERNAME_MAX
        || !ConstantTime.isAllZero(plain, 1 + length, USERNAME_MAX - length)
        || !ConstantTime.isAllZero(plain, INVITATION_SIGNED_FIELDS - 6, 6)) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "invitation has a name length of " + length + " or non-zero padding");
    }
    String name = new String(plain, 1, length, StandardCharsets.US_ASCII);
    if (!wellFormedName(name)) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "invitation names a caller with characters outside [a-z0-9_]");
    }
    int off = 1 + USERNAME_MAX;
    byte[] signing = Arrays.copyOfRange(plain, off, off + SIGNING_PUBLIC_KEY);
    off += SIGNING_PUBLIC_KEY;
    byte[] dh = Arrays.copyOfRange(plain, off, off + X25519_KEY);
    off += X25519_KEY;
    long start = ByteBuffer.wrap(plain, off, 8).getLong();
    if (start < 0) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "invitation proposes a start round beyond 2^63");
    }
    return new InvitationBody(name, signing, dh, start);
  }

  /** Whether an invitation can carry {@code name}: 1 to 32 characters of [a-z0-9_]. */
  public static boolean carriesName(String name) {
    return wellFormedName(name);
  }

  private static boolean wellFormedName(String name) {
    if (name == null || name.isEmpty() || name.length() > USERNAME_MAX) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvitationBody i && callerUsername.equals(i.callerUsername)
        && Arrays.equals(callerSigningKey, i.callerSigningKey)
        && Arrays.equals(callerDhKey, i.callerDhKey) && startRound == i.startRound;
  }

  @Override
  public int hashCode() {
    return 31 * callerUsername.hashCode() + Long.hashCode(startRound);
  }

  @Override
  public String toString() {
    return "InvitationBody[from " + callerUsername + ", start round " + startRound + "]";
  }
}
