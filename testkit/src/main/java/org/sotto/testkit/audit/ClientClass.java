package org.sotto.testkit.audit;

import java.util.Locale;

/** What an audited client does while the audit watches; the coordinator must not tell them apart. */
public enum ClientClass {
  /** Connected, in no conversation, dialing nobody: cover traffic only. */
  IDLE,
  /** In a conversation, always with a message queued. */
  CHATTING,
  /** Adds a contact and dials it every other dialing round; declines whoever calls. */
  DIALING;

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
