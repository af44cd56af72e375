package org.sotto.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.ConversationStore;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.X25519Engines;

class MessageStoreTest {
  @TempDir
  Path dir;
  private ClientDatabase db;
  private ConversationStore store;

  @BeforeEach
  void open() {
    db = ClientDatabase.open(dir);
    Identity bob = Identity.generate("bob", X25519Engines.best(), new SecureRandom());
    db.contacts().add(bob.asContact());
    db.conversations().start("bob", 7, new byte[32]);
    store = db.conversations().storeFor("bob", 1);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void withoutHistoryAReadMessageIsGone() {
    store.received(1, utf8("hello"));
    assertThat(db.messages().unread("bob")).extracting(ChatMessage::text).containsExactly("hello");
    db.messages().markRead("bob", 1);
    assertThat(db.messages().unread("bob")).isEmpty();
    assertThat(db.messages().history("bob")).isEmpty();
  }

  @Test
  void historyKeepsBothDirectionsAndTheTimerDeletesOnlyOldReadMessages() {
    db.conversations().setOptions("bob", new ConversationTable.Options(true,
        Duration.ofMinutes(5)));
    store.queued(1, utf8("mine"));
    store.received(1, utf8("theirs"));
    store.received(2, utf8("unread"));
    db.messages().markRead("bob", 1);
    assertThat(db.messages().history("bob")).extracting(ChatMessage::text)
        .containsExactlyInAnyOrder("mine", "theirs");

    long now = System.currentTimeMillis();
    assertThat(db.messages().expire(now + Duration.ofMinutes(4).toMillis())).isZero();
    assertThat(db.messages().expire(now + Duration.ofMinutes(6).toMillis())).isEqualTo(2);
    assertThat(db.messages().history("bob")).isEmpty();
    assertThat(db.messages().unread("bob")).as("never deleted before it was read")
        .extracting(ChatMessage::text).containsExactly("unread");
  }

  @Test
  void turningHistoryOffDeletesIt() {
    db.conversations().setOptions("bob", new ConversationTable.Options(true, null));
    store.queued(1, utf8("mine"));
    db.conversations().setOptions("bob", new ConversationTable.Options(false, null));
    assertThat(db.messages().history("bob")).isEmpty();
    assertThat(db.messages().outbox("bob")).as("the outbox is not history")
        .extracting(ChatMessage::text).containsExactly("mine");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
