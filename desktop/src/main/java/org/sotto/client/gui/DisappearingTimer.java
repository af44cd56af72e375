package org.sotto.client.gui;

import java.time.Duration;
import org.sotto.client.store.ConversationTable;

/** The history choices a conversation offers, as the header's menu lists them. */
enum DisappearingTimer {
  KEEP("Keep messages", true, null),
  ONE_MINUTE("Disappear after 1 minute", true, Duration.ofMinutes(1)),
  ONE_HOUR("Disappear after 1 hour", true, Duration.ofHours(1)),
  ONE_DAY("Disappear after 1 day", true, Duration.ofDays(1)),
  ONE_WEEK("Disappear after 1 week", true, Duration.ofDays(7)),
  NOT_KEPT("Forget when Sotto closes", false, null);

  private final String label;
  private final boolean keep;
  private final Duration after;

  DisappearingTimer(String label, boolean keep, Duration after) {
    this.label = label;
    this.keep = keep;
    this.after = after;
  }

  boolean keep() {
    return keep;
  }

  /** How long a message stays after it was read or sent; null for never. */
  Duration after() {
    return after;
  }

  /** The choice matching stored options (an unusual duration maps to the next longer one). */
  static DisappearingTimer of(ConversationTable.Options options) {
    if (options == null || !options.keepHistory()) {
      return NOT_KEPT;
    }
    if (options.disappearAfter() == null) {
      return KEEP;
    }
    for (DisappearingTimer t : values()) {
      if (t.after != null && options.disappearAfter().compareTo(t.after) <= 0) {
        return t;
      }
    }
    return ONE_WEEK;
  }

  /** What the conversation says when the user picks this. */
  String note() {
    if (!keep) {
      return "Messages in this conversation will be forgotten when Sotto closes.";
    }
    if (after == null) {
      return "Messages in this conversation are kept.";
    }
    return "Messages now disappear " + label.substring("Disappear after ".length())
        + " after they are read or delivered.";
  }

  ConversationTable.Options options() {
    return new ConversationTable.Options(keep, after);
  }

  @Override
  public String toString() {
    return label;
  }
}
