package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.dialing.CallerCheck;
import org.sotto.client.dialing.DialingParticipant;
import org.sotto.proto.SyncDialingKeysRequest;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.client.dialing.DialingKeys;
import org.sotto.client.dialing.IncomingInvitation;
import org.sotto.client.dialing.Invitation;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SlotAllocator;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.wire.WireSizes;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * Real dialing through the client facade, as the CLI and the desktop client use it: users
 * register, one dials the other by username, the other sees the invitation (its caller vouched
 * for by the directory) and accepts, and they talk; an impostor's invitation is dropped with a
 * reason; and what the coordinator receives from an idle client looks like a chatting one's.
 */
class DialingThroughClientEndToEndTest {
  private static final long INTERVAL_MS = 500;

  /** One accepted submission, as the coordinator saw it. */
  private record Seen(RoundKind kind, long round, String session, List<Integer> sizes) {}

  @Test
  void aliceDialsBobByUsernameBobAcceptsTheyTalkAndIdleCarolLooksTheSame(@TempDir Path dir)
      throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, INTERVAL_MS, 1,
            5, 1, TestUser.FAST_DIALING);
        TestUser alice = new TestUser("alice", dir.resolve("alice"),
            cluster.files().descriptor()).open();
        TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
            .open();
        TestUser carol = new TestUser("carol", dir.resolve("carol"),
            cluster.files().descriptor()).open()) {
      cluster.coordinator().addSubmissionListener(
          (kind, round, session, sizes) -> seen.add(new Seen(kind, round, session, sizes)));
      alice.client.register("alice", TestUser.PASSWORD);
      bob.client.register("bob", TestUser.PASSWORD);
      carol.client.register("carol", TestUser.PASSWORD);
      alice.client.connect();
      bob.client.connect();
      carol.client.connect();
      await().atMost(Duration.ofSeconds(30)).until(() -> sessions(seen, RoundKind.DIALING) == 3
          && sessions(seen, RoundKind.CONVERSATION) == 3);
      int from = seen.size();

      // alice knows only bob's username; bob knows nothing of alice yet
      alice.client.addContact("bob");
      long start = alice.client.dial("bob");
      await().atMost(Duration.ofSeconds(30)).until(() -> !bob.invitations.isEmpty());
      Invitation invitation = bob.invitations.get(0);
      assertThat(invitation.caller().username()).isEqualTo("alice");
      assertThat(invitation.startRound()).as("both derive the same conversation")
          .isEqualTo(start);
      assertThat(bob.client.invitations()).extracting(i -> i.caller().username())
          .containsExactly("alice");
      assertThat(bob.refusals).isEmpty();
      assertThat(carol.invitations).as("nobody called carol").isEmpty();
      bob.client.accept("alice");
      assertThat(bob.client.invitations()).isEmpty();
      assertThat(bob.client.contacts()).singleElement().satisfies(c -> {
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.inConversation()).isTrue();
        assertThat(c.safetyNumber()).isEqualTo(alice.client.contacts().get(0).safetyNumber());
      });

      alice.client.send("bob", "hello bob");
      bob.client.send("alice", "hi alice");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> !bob.received.isEmpty() && !alice.received.isEmpty());
      alice.client.send("bob", "how are the mixes?");
      await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() >= 2
          && alice.client.outbox("bob").isEmpty() && bob.client.outbox("alice").isEmpty());
      List<Seen> chatting = List.copyOf(seen.subList(from, seen.size()));

      // bob restarts: the conversation resumes from his database
      bob.restart();
      alice.client.send("bob", "still there after your restart?");
      await().atMost(Duration.ofSeconds(30)).until(() -> bob.received.size() >= 3);
      bob.client.send("alice", "yes");
      await().atMost(Duration.ofSeconds(30)).until(() -> alice.received.size() >= 2);
      assertThat(bob.received).extracting(ChatMessage::text).containsExactly("hello bob",
          "how are the mixes?", "still there after your restart?");
      assertThat(alice.received).extracting(ChatMessage::text).containsExactly("hi alice", "yes");
      assertThat(bob.invitations).as("alice's call was heard once").hasSize(1);

      // What the coordinator received while alice called bob and they chatted: every session,
      // in every round of either kind, one submission of the same shape; idle carol's included.
      for (RoundKind kind : RoundKind.values()) {
        List<Seen> ofKind = chatting.stream().filter(s -> s.kind() == kind).toList();
        Set<List<Integer>> shapes = new HashSet<>();
        Map<String, Set<Long>> roundsBySession = new HashMap<>();
        for (Seen s : ofKind) {
          shapes.add(s.sizes());
          assertThat(roundsBySession.computeIfAbsent(s.session(), k -> new HashSet<>())
              .add(s.round())).as("one %s submission per session per round", kind).isTrue();
        }
        List<Integer> expected = kind == RoundKind.DIALING
            ? List.of(WireSizes.dialingOnionSize(2))
            : new ArrayList<>(java.util.Collections.nCopies(
                cluster.descriptor().slotsPerRound(), WireSizes.onionSize(2)));
        assertThat(shapes).as("%s onions: count and sizes per round", kind)
            .containsExactly(expected);
        assertThat(roundsBySession).as("%s: three clients", kind).hasSize(3);
        List<Integer> perSession = roundsBySession.values().stream().map(Set::size).toList();
        assertThat(perSession.stream().mapToInt(i -> i).min().orElseThrow())
            .as("%s rounds per session %s: the idle one takes part like the chatting ones", kind,
                perSession)
            .isGreaterThanOrEqualTo(perSession.stream().mapToInt(i -> i).max().orElseThrow()
                - 2) // the window may cut the first and last round
            .isGreaterThan(kind == RoundKind.DIALING ? 1 : 4);
      }
    }
  }

  @Test
  void anInvitationWithAlicesNameButMallorysKeysIsDroppedWithAReason(@TempDir Path dir)
      throws Exception {
    X25519 x25519 = X25519Engines.best();
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, INTERVAL_MS, 1,
            5, 1, TestUser.FAST_DIALING);
        TestUser alice = new TestUser("alice", dir.resolve("alice"),
            cluster.files().descriptor()).open();
        TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
            .open()) {
      alice.client.register("alice", TestUser.PASSWORD);
      bob.client.register("bob", TestUser.PASSWORD);
      alice.client.connect();
      bob.client.connect();
      Contact bobsKeys = alice.client.addContact("bob").contact();

      // mallory has her own keys and signs a valid invitation, but puts alice's name in it
      Identity mallory = Identity.generate("alice", x25519, new SecureRandom());
      ManagedChannel channel = Channels.open(cluster.descriptor().coordinator(),
          TlsContexts.pinned(cluster.descriptor().caCertificate()));
      ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
      // she seals to bob's real dialing key, which the directory lists to everyone
      byte[] bobsDialingKey = DirectoryGrpc.newBlockingStub(channel).syncDialingKeys(
              SyncDialingKeysRequest.getDefaultInstance()).getRecordsList().stream()
          .filter(r -> r.getKey().getUsername().equals("bob"))
          .filter(r -> r.getKey().getEpoch() == cluster.descriptor().dialing()
              .keyEpochAt(System.currentTimeMillis()))
          .findFirst().orElseThrow().getKey().getPublicKey().toByteArray();
      DialingParticipant dialer = new DialingParticipant(cluster.descriptor(), channel, mallory,
          x25519, CallerCheck.UNCHECKED, DialingKeys.fixed(java.util.Map.of("bob",
              bobsDialingKey), X25519KeyPair.generate(x25519, new SecureRandom())),
          (IncomingInvitation i) -> { }, scheduler);
      RoundParticipant rounds = new RoundParticipant(cluster.descriptor(), channel, x25519,
          new SlotAllocator(), new ParticipantListener() {}, scheduler, dialer);
      try {
        rounds.start();
        dialer.dial(bobsKeys);
        await().atMost(Duration.ofSeconds(30)).until(() -> !bob.refusals.isEmpty());
      } finally {
        dialer.close();
        rounds.close();
        Channels.close(channel);
        scheduler.shutdownNow();
      }
      assertThat(bob.refusals.get(0)).contains("claims to come from alice",
          "not alice's in the directory", "impersonating");
      assertThat(bob.invitations).isEmpty();
      assertThat(bob.client.invitations()).isEmpty();
      assertThat(bob.client.contacts()).isEmpty();
    }
  }

  /** Distinct sessions seen submitting {@code kind} onions so far. */
  private static long sessions(List<Seen> seen, RoundKind kind) {
    return seen.stream().filter(s -> s.kind() == kind).map(Seen::session).distinct().count();
  }
}
