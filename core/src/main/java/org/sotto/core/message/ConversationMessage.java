package org.sotto.core.message;

import static org.sotto.core.wire.WireSizes.MESSAGE_BODY;

import java.util.Arrays;

/** An opened conversation message: its header and the {@code header.length()} bytes of body. */
public record ConversationMessage(MessageHeader header, byte[] body) {

  public ConversationMessage {
    if (body.length != header.length() || body.length > MESSAGE_BODY) {
      throw new IllegalArgumentException(
          "body must hold exactly header.length() bytes, at most " + MESSAGE_BODY);
    }
  }

  public static ConversationMessage of(long seq, long ack, int flags, byte[] body) {
    return new ConversationMessage(new MessageHeader(seq, ack, flags, body.length), body.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversationMessage m
        && header.equals(m.header)
        && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(body);
  }
}
