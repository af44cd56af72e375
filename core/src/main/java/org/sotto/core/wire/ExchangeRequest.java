package org.sotto.core.wire;

import static org.sotto.core.wire.WireSizes.DEAD_DROP_ID;
import static org.sotto.core.wire.WireSizes.EXCHANGE_REQUEST;
import static org.sotto.core.wire.WireSizes.SEALED_MESSAGE;

import java.util.Arrays;

/** What reaches a dead drop: dead-drop ID (16) ‖ sealed message (368). */
public record ExchangeRequest(byte[] deadDropId, byte[] sealedMessage) {

  public ExchangeRequest {
    if (deadDropId.length != DEAD_DROP_ID || sealedMessage.length != SEALED_MESSAGE) {
      throw new IllegalArgumentException("dead-drop ID is 16 bytes, sealed message 368");
    }
  }

  public byte[] encode() {
    byte[] out = new byte[EXCHANGE_REQUEST];
    System.arraycopy(deadDropId, 0, out, 0, DEAD_DROP_ID);
    System.arraycopy(sealedMessage, 0, out, DEAD_DROP_ID, SEALED_MESSAGE);
    return out;
  }

  /** @throws RejectedInputException WRONG_LENGTH */
  public static ExchangeRequest parse(byte[] bytes) throws RejectedInputException {
    RejectedInputException.requireLength("exchange request", bytes.length, EXCHANGE_REQUEST);
    return new ExchangeRequest(Arrays.copyOfRange(bytes, 0, DEAD_DROP_ID),
        Arrays.copyOfRange(bytes, DEAD_DROP_ID, EXCHANGE_REQUEST));
  }

  /** The empty answer a dead drop gives a request nobody else shared its ID with. */
  public static byte[] emptyReply() {
    return new byte[WireSizes.EXCHANGE_REPLY];
  }
}
