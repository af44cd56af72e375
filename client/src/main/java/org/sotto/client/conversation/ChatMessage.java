package org.sotto.client.conversation;

import java.nio.charset.StandardCharsets;

/**
 * A message as a user interface shows it.
 *
 * @param peer the contact the conversation is with
 * @param incoming true for a message from the peer, false for one the user sent
 * @param sequence its sequence number in its direction of the conversation
 * @param body the bytes sent (UTF-8 text for messages typed by people)
 * @param state for outgoing messages, how far it got; DELIVERED for incoming ones
 * @param atUnixMs when it was queued (outgoing) or received (incoming)
 */
public record ChatMessage(String peer, boolean incoming, long sequence, byte[] body,
    Delivery state, long atUnixMs) {

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
