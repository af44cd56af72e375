package org.sotto.core.dialing;

import static org.sotto.core.wire.WireSizes.DIALING_HEADER;
import static org.sotto.core.wire.WireSizes.DIALING_REQUEST;
import static org.sotto.core.wire.WireSizes.INVITATION;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.wire.RejectedInputException;

/**
 * What the last mix reads after peeling a dialing onion (docs/protocol.md §14):
 *
 * <pre>u32be(bucket) ‖ 12 zero bytes ‖ sealed invitation (272)          288 bytes</pre>
 *
 * The zero bytes make the request a whole number of AES blocks, as the CBC onion layers need.
 * Bucket 0xFFFFFFFF is the no-op bucket: a client that dials nobody sends a cover request there,
 * with random invitation bytes, and the last mix discards it (Vuvuzela §5). Up to the last mix a
 * cover request looks like any other onion; what the last mix sees is blurred by the noise the
 * mixes before it add to every bucket.
 *
 * @param bucket the bucket, 0 .. 2^32 - 1 ({@link #NO_OP_BUCKET} for cover)
 */
public record DialingRequest(long bucket, byte[] invitation) {
  /** The bucket cover requests go to; the last mix drops them. */
  public static final long NO_OP_BUCKET = 0xFFFF_FFFFL;

  public DialingRequest {
    if (bucket < 0 || bucket > NO_OP_BUCKET || invitation.length != INVITATION) {
      throw new IllegalArgumentException("a dialing request names a u32 bucket and carries a "
          + INVITATION + "-byte invitation");
    }
  }

  /** A cover request: the no-op bucket and random bytes where an invitation would be. */
  public static DialingRequest cover(SecureRandom random) {
    byte[] noise = new byte[INVITATION];
    random.nextBytes(noise);
    return new DialingRequest(NO_OP_BUCKET, noise);
  }

  public boolean isNoOp() {
    return bucket == NO_OP_BUCKET;
  }

  public byte[] encode() {
    byte[] out = new byte[DIALING_REQUEST];
    ByteBuffer.wrap(out).putInt((int) bucket);
    System.arraycopy(invitation, 0, out, DIALING_HEADER, INVITATION);
    return out;
  }

  /** @throws RejectedInputException WRONG_LENGTH, or MALFORMED for non-zero header padding */
  public static DialingRequest parse(byte[] bytes) throws RejectedInputException {
    RejectedInputException.requireLength("dialing request", bytes.length, DIALING_REQUEST);
    if (!ConstantTime.isAllZero(bytes, 4, DIALING_HEADER - 4)) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "dialing request header has non-zero padding");
    }
    long bucket = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 0, 4).getInt());
    return new DialingRequest(bucket, Arrays.copyOfRange(bytes, DIALING_HEADER, DIALING_REQUEST));
  }
}
