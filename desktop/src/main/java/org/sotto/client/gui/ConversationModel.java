package org.sotto.client.gui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;

/** What one conversation shows: its messages in order, unread count and timer. EDT only. */
final class ConversationModel {
  private final String peer;
  private final List<MessageItem> items = new ArrayList<>();
  /** Delivery events that came before the send call returned the message's sequence number. */
  private final Map<Long, Delivery> early = new HashMap<>();
  private DisappearingTimer timer = DisappearingTimer.KEEP;
  private boolean running;

  ConversationModel(String peer) {
    this.peer = peer;
  }

  String peer() {
    return peer;
  }

  List<MessageItem> items() {
    return List.copyOf(items);
  }

  /** Whether a conversation runs with this contact (dialed or accepted). */
  boolean running() {
    return running;
  }

  void setRunning(boolean running) {
    this.running = running;
  }

  DisappearingTimer timer() {
    return timer;
  }

  void setTimer(DisappearingTimer timer) {
    this.timer = timer;
  }

  /**
   * Replaces the messages with what the data folder holds: the kept history, the outbox (what is
   * not yet acknowledged, whether or not history is kept), and the unread inbox. App notes stay.
   */
  void load(List<ChatMessage> history, List<ChatMessage> outbox, List<ChatMessage> unread) {
    List<MessageItem> notes = items.stream().filter(i -> i.kind() == MessageItem.Kind.NOTE)
        .toList();
    items.clear();
    early.clear();
    List<ChatMessage> pending = new ArrayList<>(outbox);
    for (ChatMessage m : history) {
      if (m.incoming()) {
        items.add(MessageItem.incoming(m.sequence(), m.text(), m.atUnixMs(), m.atUnixMs()));
      } else {
        pending.removeIf(o -> o.sequence() == m.sequence() && m.state() != Delivery.DELIVERED
            && java.util.Arrays.equals(o.body(), m.body()));
        items.add(MessageItem.outgoing(m.sequence(), m.text(), m.state(), m.atUnixMs()));
      }
    }
    for (ChatMessage m : pending) {
      items.add(MessageItem.outgoing(m.sequence(), m.text(), m.state(), m.atUnixMs()));
    }
    for (ChatMessage m : unread) {
      items.add(MessageItem.incoming(m.sequence(), m.text(), m.atUnixMs(), 0));
    }
    items.addAll(notes);
    items.sort(Comparator.comparingLong(MessageItem::atUnixMs));
  }

  /** A message the user just queued, with the sequence number the client gave it. */
  MessageItem addOutgoing(long sequence, String text, long nowUnixMs) {
    MessageItem item = MessageItem.outgoing(sequence, text, Delivery.QUEUED, nowUnixMs);
    Delivery seen = early.remove(sequence);
    if (seen != null) {
      item.advance(seen);
    }
    items.add(item);
    return item;
  }

  /** @return whether anything shown changed */
  boolean deliveryChanged(long sequence, Delivery state) {
    for (int i = items.size() - 1; i >= 0; i--) {
      MessageItem item = items.get(i);
      if (item.kind() == MessageItem.Kind.OUTGOING && item.sequence() == sequence
          && item.state() != Delivery.DELIVERED) {
        return item.advance(state);
      }
    }
    early.merge(sequence, state, (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
    return false;
  }

  void addIncoming(ChatMessage m) {
    items.add(MessageItem.incoming(m.sequence(), m.text(), m.atUnixMs(), 0));
  }

  void addNote(String text, long nowUnixMs) {
    items.add(MessageItem.note(text, nowUnixMs));
  }

  int unreadCount() {
    return (int) items.stream().filter(MessageItem::unread).count();
  }

  /**
   * Marks everything shown as read.
   *
   * @return the highest sequence number newly read (for the client's markRead), or -1 for none
   */
  long markAllRead(long nowUnixMs) {
    long highest = -1;
    for (MessageItem item : items) {
      if (item.unread()) {
        item.markRead(nowUnixMs);
        highest = Math.max(highest, item.sequence());
      }
    }
    return highest;
  }

  /**
   * Drops what the disappearing timer has run out for, as the client deletes it from history.
   *
   * @return whether anything was dropped
   */
  boolean expire(long nowUnixMs) {
    Duration after = timer.after();
    if (after == null) {
      return false;
    }
    return items.removeIf(i -> {
      long start = i.timerStartUnixMs();
      return start >= 0 && start + after.toMillis() <= nowUnixMs;
    });
  }

  /** The last message's text, for the contact list; "" when there is none. */
  String preview() {
    for (int i = items.size() - 1; i >= 0; i--) {
      MessageItem item = items.get(i);
      if (item.kind() != MessageItem.Kind.NOTE) {
        return (item.kind() == MessageItem.Kind.OUTGOING ? "You: " : "") + item.text();
      }
    }
    return "";
  }
}
