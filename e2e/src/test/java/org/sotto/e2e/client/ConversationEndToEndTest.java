package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.RoundStatus;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * Two users on a real cluster (coordinator, 3 mixes, 2 dead-drop shards, TLS on localhost):
 * they register, start a conversation, and exchange 100 messages each way while a mix node is
 * killed and restarted and one of the clients is restarted. Every message arrives once, in
 * order, intact, and is acknowledged.
 */
class ConversationEndToEndTest {
  private static final long INTERVAL_MS = 500;
  private static final int MESSAGES = 100;

  @Test
  void hundredMessagesEachWaySurviveAKilledMixAndARestartedClient(@TempDir Path dir)
      throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 2, INTERVAL_MS, 1,
            10, 2, TestUser.FAST_DIALING);
        TestUser alice = new TestUser("alice", dir.resolve("alice"),
            cluster.files().descriptor()).open();
        TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
            .open()) {
      alice.client.register("alice", TestUser.PASSWORD);
      bob.client.register("bob", TestUser.PASSWORD);
      // Connected first: names come from the client's mirror of the directory, which syncs
      // while connected.
      alice.client.connect();
      bob.client.connect();
      alice.client.addContact("bob");
      bob.client.addContact("alice");
      long start = alice.client.dial("bob");
      assertThat(bob.acceptWhenInvited("alice")).as("both derive the same conversation")
          .isEqualTo(start);

      Latency latency = measureLatency(alice, bob);
      System.out.printf("end to end at %d ms rounds: received after %.1f rounds, "
          + "acknowledged after %.1f rounds (median of %d)%n", INTERVAL_MS,
          latency.receivedRounds(), latency.acknowledgedRounds(), latency.samples());
      int warmup = alice.delivered.size();
      alice.received.clear();
      bob.received.clear();

      for (int i = 1; i <= MESSAGES; i++) {
        alice.client.send("bob", text("alice", i));
        bob.client.send("alice", text("bob", i));
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> alice.received.size() >= 25);
      cluster.killMix(1);
      long abortedBefore = alice.roundsWith(RoundStatus.Kind.ABORTED);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> alice.roundsWith(RoundStatus.Kind.ABORTED) >= abortedBefore + 2);
      cluster.restartMix(1);

      await().atMost(Duration.ofSeconds(90)).until(() -> bob.received.size() >= 60);
      bob.restart();

      await().atMost(Duration.ofSeconds(180)).until(() ->
          alice.received.size() >= MESSAGES && bob.received.size() >= MESSAGES
              && alice.client.outbox("bob").isEmpty() && bob.client.outbox("alice").isEmpty());

      assertExactlyInOrder(alice.received, "bob");
      assertExactlyInOrder(bob.received, "alice");
      assertThat(bob.client.unread("alice")).as("the inbox kept what bob received across his "
          + "restart").extracting(ChatMessage::text)
          .containsSubsequence(IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> text("alice", i))
              .toList());
      assertThat(alice.delivered).as("alice saw each of her messages acknowledged")
          .hasSizeGreaterThanOrEqualTo(warmup + MESSAGES);
      assertThat(alice.roundsWith(RoundStatus.Kind.ABORTED)).isGreaterThanOrEqualTo(2);
      assertThat(alice.roundsWith(RoundStatus.Kind.REFUSED)).isZero();
      for (TestUser user : List.of(alice, bob)) {
        assertThat(user.dropped).as("%s dropped only go-back-N resends and messages ahead of a "
            + "lost round: no HMAC or signature failure, replay or forgery", user.name)
            .allMatch(ReceiveAnomaly::expected);
      }
    }
  }

  private static void assertExactlyInOrder(List<ChatMessage> received, String from) {
    assertThat(received).extracting(ChatMessage::text).as("from " + from)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES)
            .mapToObj(i -> text(from, i)).toList());
  }

  private static String text(String from, int i) {
    return "message " + i + " from " + from + " — ünïcödé ✓";
  }

  private record Latency(double receivedRounds, double acknowledgedRounds, int samples) {}

  /** One message at a time, on an idle conversation: how many rounds until it arrives. */
  private static Latency measureLatency(TestUser from, TestUser to) {
    int samples = 7;
    double[] received = new double[samples];
    double[] acked = new double[samples];
    for (int i = 0; i < samples; i++) {
      int before = to.received.size();
      int deliveredBefore = from.delivered.size();
      long t0 = System.nanoTime();
      try {
        from.client.send(to.name, "ping " + i);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> to.received.size() > before);
      received[i] = (System.nanoTime() - t0) / 1e6 / INTERVAL_MS;
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
          .until(() -> from.delivered.size() > deliveredBefore);
      acked[i] = (System.nanoTime() - t0) / 1e6 / INTERVAL_MS;
    }
    java.util.Arrays.sort(received);
    java.util.Arrays.sort(acked);
    return new Latency(received[samples / 2], acked[samples / 2], samples);
  }
}
