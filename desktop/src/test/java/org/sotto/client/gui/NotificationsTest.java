package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;

/** What a desktop notification says, and when there is one. */
class NotificationsTest {
  private final List<Notifications.Notice> shown = new ArrayList<>();
  private final AtomicReference<FolderSettings> settings =
      new AtomicReference<>(FolderSettings.DEFAULTS);
  private final Notifications notifications = new Notifications(
      (title, text) -> shown.add(new Notifications.Notice(title, text)), settings::get);

  private static ChatMessage from(String peer, String text) {
    return new ChatMessage(peer, true, 1, text.getBytes(StandardCharsets.UTF_8),
        Delivery.DELIVERED, 1_000);
  }

  @Test
  void aMessageOffScreenNamesItsSenderAndQuotesIt() {
    notifications.message(from("carol", "Are we\nstill on?"), false);
    notifications.message(from("carol", "seen already"), true);
    assertThat(shown).containsExactly(new Notifications.Notice("carol", "Are we still on?"));
  }

  @Test
  void discreetNotificationsNameNoOneAndQuoteNothing() {
    settings.set(FolderSettings.DEFAULTS.withDiscreet(true));
    notifications.message(from("carol", "meet at the harbour"), false);
    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).title() + " " + shown.get(0).text())
        .doesNotContain("carol").doesNotContain("harbour");
    assertThat(Notifications.forInvitation("dave", true).toString()).doesNotContain("dave");
    assertThat(Notifications.forInvitation("dave", false).title()).contains("dave");
  }

  @Test
  void turnedOffMeansNothingShows() {
    settings.set(FolderSettings.DEFAULTS.withNotifications(false));
    notifications.message(from("carol", "hello"), false);
    assertThat(shown).isEmpty();
  }

  @Test
  void aLongMessageIsShortened() {
    String text = "x".repeat(500);
    assertThat(Notifications.forMessage("carol", text, false).text()).hasSize(120).endsWith("…");
  }
}
