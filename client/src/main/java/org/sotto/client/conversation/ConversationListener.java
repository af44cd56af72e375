package org.sotto.client.conversation;

/** Events of one conversation, for user interfaces and bots. Called on the round thread. */
public interface ConversationListener {

  /** A message from the peer, in order, exactly once. */
  void received(long sequence, byte[] body);

  /** An outgoing message changed state. */
  void deliveryChanged(long sequence, Delivery state);

  /** An answer for {@code round} was not delivered; {@code kind} says why. */
  default void anomaly(ReceiveAnomaly kind, long round) {}
}
