package org.sotto.core.message;

import static org.sotto.core.wire.WireSizes.MESSAGE_BODY;
import static org.sotto.core.wire.WireSizes.MESSAGE_HEADER;

import java.nio.ByteBuffer;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.wire.RejectedInputException;

/**
 * The 16-byte header of a conversation message: sequence number (u32), acknowledgement (u32, the
 * highest sequence number received in order), flags (u16), body length (u16), 4 zero bytes.
 */
public record MessageHeader(long sequence, long acknowledgement, int flags, int length) {

  /** The message carries no user data; it exists only to acknowledge or to be cover. */
  public static final int FLAG_NO_DATA = 1;

  public MessageHeader {
    if (sequence < 0 || sequence > 0xFFFF_FFFFL || acknowledgement < 0
        || acknowledgement > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("sequence and acknowledgement are unsigned 32-bit");
    }
    if (flags < 0 || flags > 0xFFFF || length < 0 || length > MESSAGE_BODY) {
      throw new IllegalArgumentException("flags are 16-bit and length is 0.." + MESSAGE_BODY);
    }
  }

  void writeTo(byte[] out, int off) {
    ByteBuffer.wrap(out, off, MESSAGE_HEADER)
        .putInt((int) sequence)
        .putInt((int) acknowledgement)
        .putShort((short) flags)
        .putShort((short) length)
        .putInt(0);
  }

  static MessageHeader readFrom(byte[] in, int off) throws RejectedInputException {
    ByteBuffer b = ByteBuffer.wrap(in, off, MESSAGE_HEADER);
    long seq = Integer.toUnsignedLong(b.getInt());
    long ack = Integer.toUnsignedLong(b.getInt());
    int flags = Short.toUnsignedInt(b.getShort());
    int length = Short.toUnsignedInt(b.getShort());
    if (length > MESSAGE_BODY || !ConstantTime.isAllZero(in, off + 12, 4)) {
      throw new RejectedInputException(
          RejectedInputException.Reason.MALFORMED,
          "message header has length " + length + " or non-zero reserved bytes");
    }
    return new MessageHeader(seq, ack, flags, length);
  }
}
