package org.sotto.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.wire.ExchangeRequest;

/**
 * Two conversations persisted in their own client databases, exchanging through a simulated
 * dead drop that loses rounds, while either side "crashes" (its database is closed and reopened,
 * whatever was in flight forgotten) at random points, also between sending and receiving the
 * answer of a round.
 */
class PersistentConversationTest {
  /** The secret of the call that started the conversation (§4); any fixed value will do. */
  private static final byte[] CALL = new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  private static final X25519 X = X25519Engines.best();
  private static final long START = 1_000;

  @TempDir
  Path dir;

  /** One side: its database, its live conversation, and what its user saw. */
  private final class Side {
    final Identity me;
    final Identity peer;
    final Path folder;
    final List<String> received = new ArrayList<>();
    final List<Long> delivered = new ArrayList<>();
    ClientDatabase db;
    Conversation conversation;
    long generation;

    Side(Identity me, Identity peer) {
      this.me = me;
      this.peer = peer;
      this.folder = dir.resolve(me.username());
    }

    Side begin(long startRound) throws Exception {
      db = ClientDatabase.open(folder);
      db.identity().save(me, 1);
      db.contacts().add(peer.asContact());
      byte[] chain = ConversationRatchet.start(X, me.dh().privateKey(), me.dh().publicKey(),
          peer.dh().publicKey(), CALL, startRound).chainKey();
      db.conversations().start(peer.username(), startRound, chain);
      resume();
      return this;
    }

    void resume() {
      ConversationTable.Saved saved = db.conversations().load(peer.username()).orElseThrow();
      generation = saved.generation();
      conversation = Conversation.resume(me, peer.asContact(), saved.state(),
          db.conversations().storeFor(peer.username(), saved.generation()),
          new ConversationListener() {
            @Override
            public void received(long sequence, byte[] body) {
              received.add(new String(body, StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryChanged(long sequence, Delivery state) {
              if (state == Delivery.DELIVERED) {
                delivered.add(sequence);
              }
            }
          });
    }

    /** A crash: the process is gone, and a new one opens the same folder. */
    void crashAndRestart() {
      db.close();
      db = ClientDatabase.open(folder);
      resume();
    }
  }

  @Test
  void everyMessageArrivesOnceInOrderThroughLostRoundsAndCrashes() throws Exception {
    SecureRandom sr = new SecureRandom();
    Identity alice = Identity.generate("alice", X, sr);
    Identity bob = Identity.generate("bob", X, sr);
    Side a = new Side(alice, bob).begin(START);
    Side b = new Side(bob, alice).begin(START);
    Random random = new Random(42);
    int messages = 40;
    for (int i = 1; i <= messages; i++) {
      a.conversation.send(("a" + i).getBytes(StandardCharsets.UTF_8));
    }
    int bobQueued = 0;
    int restarts = 0;
    for (long round = START; round < START + 300; round++) {
      if (bobQueued < messages && random.nextInt(3) == 0) {
        b.conversation.send(("b" + ++bobQueued).getBytes(StandardCharsets.UTF_8));
      }
      byte[] fromA = a.conversation.requestFor(round);
      byte[] fromB = b.conversation.requestFor(round);
      int fate = random.nextInt(20);
      if (fate == 0) {
        a.conversation.lost(round);
        b.conversation.lost(round);
      } else if (fate == 1) {
        a.crashAndRestart();
        restarts++;
        b.conversation.answered(round, ExchangeRequest.parse(fromA).sealedMessage());
      } else if (fate == 2) {
        b.crashAndRestart();
        restarts++;
        a.conversation.answered(round, ExchangeRequest.parse(fromB).sealedMessage());
      } else {
        a.conversation.answered(round, ExchangeRequest.parse(fromB).sealedMessage());
        b.conversation.answered(round, ExchangeRequest.parse(fromA).sealedMessage());
      }
    }
    assertThat(restarts).isGreaterThan(10);
    assertThat(b.received).containsExactlyElementsOf(texts("a", messages));
    assertThat(a.received).containsExactlyElementsOf(texts("b", messages));
    assertThat(b.db.messages().unread("alice")).extracting(ChatMessage::text)
        .as("the inbox is what was received, once each").containsExactlyElementsOf(
            texts("a", messages));
    assertThat(a.conversation.outboxSize()).isZero();
    assertThat(a.db.messages().outbox("bob")).isEmpty();
    assertThat(b.db.messages().outbox("alice")).isEmpty();
  }

  @Test
  void aRestartedConversationCarriesUnacknowledgedMessagesAndIgnoresTheOldGeneration()
      throws Exception {
    SecureRandom sr = new SecureRandom();
    Identity alice = Identity.generate("alice", X, sr);
    Identity bob = Identity.generate("bob", X, sr);
    Side b = new Side(bob, alice).begin(START);
    b.db.conversations().setOptions("alice", new ConversationTable.Options(true, null));
    b.conversation.send("first".getBytes(StandardCharsets.UTF_8));
    b.conversation.send("second".getBytes(StandardCharsets.UTF_8));
    Conversation old = b.conversation;
    old.requestFor(START);

    // Alice (on a new machine) dials again; Bob accepts: generation 2 from round START + 50.
    Side moved = new Side(alice, bob).begin(START + 50);
    byte[] chain = ConversationRatchet.start(X, bob.dh().privateKey(), bob.dh().publicKey(),
        alice.dh().publicKey(), CALL, START + 50).chainKey();
    assertThat(b.db.conversations().start("alice", START + 50, chain)).isEqualTo(2);
    b.resume();
    old.send("lost in the old generation?".getBytes(StandardCharsets.UTF_8));
    old.requestFor(START + 1);

    assertThat(b.db.messages().outbox("alice")).extracting(ChatMessage::text)
        .containsExactly("first", "second");
    for (long round = START + 50; round < START + 60; round++) {
      byte[] fromA = moved.conversation.requestFor(round);
      byte[] fromB = b.conversation.requestFor(round);
      moved.conversation.answered(round, ExchangeRequest.parse(fromB).sealedMessage());
      b.conversation.answered(round, ExchangeRequest.parse(fromA).sealedMessage());
    }
    assertThat(moved.received).containsExactly("first", "second");
    assertThat(b.db.messages().outbox("alice")).isEmpty();
    assertThat(b.db.messages().history("alice")).extracting(ChatMessage::text, ChatMessage::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("first", Delivery.DELIVERED),
            org.assertj.core.groups.Tuple.tuple("second", Delivery.DELIVERED));
  }

  private static List<String> texts(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(prefix + i);
    }
    return out;
  }
}
