package org.sotto.client.gui;

import java.util.function.Supplier;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.dialing.Invitation;

/**
 * Decides whether a new message or invitation gets a desktop notification, and what it says.
 * Discreet notifications name no one and quote nothing: a notification can show on a locked
 * screen or a shared desk, and who writes to whom is exactly what Sotto hides from the network.
 */
final class Notifications {
  static final String DISCREET_TITLE = "Sotto";
  static final String DISCREET_MESSAGE = "You have a new message.";
  static final String DISCREET_INVITATION = "Someone invites you to talk.";
  private static final int PREVIEW_CHARS = 120;

  /** What one notification says. */
  record Notice(String title, String text) {}

  private final Notifier notifier;
  private final Supplier<FolderSettings> settings;

  Notifications(Notifier notifier, Supplier<FolderSettings> settings) {
    this.notifier = notifier;
    this.settings = settings;
  }

  /**
   * A message arrived; {@code onScreen} when its conversation is showing in the active window
   * (then the user sees it already, and nothing pops up).
   */
  void message(ChatMessage message, boolean onScreen) {
    FolderSettings s = settings.get();
    if (s.notifications() && !onScreen) {
      show(forMessage(message.peer(), message.text(), s.discreet()));
    }
  }

  void invitation(Invitation invitation) {
    FolderSettings s = settings.get();
    if (s.notifications()) {
      show(forInvitation(invitation.caller().username(), s.discreet()));
    }
  }

  static Notice forMessage(String peer, String text, boolean discreet) {
    if (discreet) {
      return new Notice(DISCREET_TITLE, DISCREET_MESSAGE);
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return new Notice(peer, oneLine.length() <= PREVIEW_CHARS ? oneLine
        : oneLine.substring(0, PREVIEW_CHARS - 1) + "…");
  }

  static Notice forInvitation(String caller, boolean discreet) {
    return discreet ? new Notice(DISCREET_TITLE, DISCREET_INVITATION)
        : new Notice(caller + " invites you", caller + " wants to talk with you on Sotto. "
            + "Accept or decline in the window.");
  }

  private void show(Notice notice) {
    notifier.show(notice.title(), notice.text());
  }
}
