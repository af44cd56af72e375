package org.sotto.client.gui;

import org.sotto.client.conversation.Delivery;

/** One line of a conversation as shown: a message either way, or a note from the app. EDT only. */
final class MessageItem {
  enum Kind {
    INCOMING,
    OUTGOING,
    NOTE
  }

  private final Kind kind;
  private final String text;
  private final long sequence;
  private final long atUnixMs;
  private Delivery state;
  private long readAtUnixMs;

  private MessageItem(Kind kind, String text, long sequence, long atUnixMs, Delivery state,
      long readAtUnixMs) {
    this.kind = kind;
    this.text = text;
    this.sequence = sequence;
    this.atUnixMs = atUnixMs;
    this.state = state;
    this.readAtUnixMs = readAtUnixMs;
  }

  static MessageItem outgoing(long sequence, String text, Delivery state, long atUnixMs) {
    return new MessageItem(Kind.OUTGOING, text, sequence, atUnixMs, state, 0);
  }

  /** A received message; {@code readAtUnixMs} 0 while unread. */
  static MessageItem incoming(long sequence, String text, long atUnixMs, long readAtUnixMs) {
    return new MessageItem(Kind.INCOMING, text, sequence, atUnixMs, Delivery.DELIVERED,
        readAtUnixMs);
  }

  static MessageItem note(String text, long atUnixMs) {
    return new MessageItem(Kind.NOTE, text, -1, atUnixMs, Delivery.DELIVERED, atUnixMs);
  }

  Kind kind() {
    return kind;
  }

  String text() {
    return text;
  }

  long sequence() {
    return sequence;
  }

  long atUnixMs() {
    return atUnixMs;
  }

  Delivery state() {
    return state;
  }

  /** Moves the state forward only: a late SENT never undoes DELIVERED. */
  boolean advance(Delivery next) {
    if (next.ordinal() <= state.ordinal()) {
      return false;
    }
    state = next;
    return true;
  }

  boolean unread() {
    return kind == Kind.INCOMING && readAtUnixMs == 0;
  }

  void markRead(long nowUnixMs) {
    if (readAtUnixMs == 0) {
      readAtUnixMs = nowUnixMs;
    }
  }

  /**
   * When the disappearing timer starts for this item: when it was read (incoming), when it was
   * delivered (outgoing: an undelivered message never disappears from view), or -1 for not yet.
   */
  long timerStartUnixMs() {
    return switch (kind) {
      case INCOMING -> readAtUnixMs == 0 ? -1 : readAtUnixMs;
      case OUTGOING -> state == Delivery.DELIVERED ? atUnixMs : -1;
      case NOTE -> atUnixMs;
    };
  }
}
