package org.sotto.client.conversation;

/** Where an outgoing message is: waiting, on the wire at least once, or acknowledged by the peer. */
public enum Delivery {
  QUEUED,
  SENT,
  DELIVERED
}
