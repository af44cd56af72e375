package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.proto.LookupUserRequest;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * What the coordinator's directory learns while alice adds bob, bob accepts, and they exchange
 * messages: nothing. On a real cluster, every request the directory receives is recorded (through
 * the coordinator's CallObserver) with its kind, its size, the connection it came on and the
 * dialing round (one whose buckets were published) it falls in; alice's, bob's and idle carol's
 * connections must show the same requests, kind, size and count, in every dialing round (one
 * SyncDirectory and one SyncDialingKeys each). A variant that makes the one lookup the client used to make when a
 * contact is added shows the check catches it.
 */
class DirectoryPrivacyEndToEndTest {
  private static final long INTERVAL_MS = 500;
  /** Calls arriving this soon before a dialing round's listener fired belong to that round. */
  private static final long EARLY_NS = 100_000_000L;

  /** One request to the directory, as the coordinator received it: kind and size. */
  private record Call(long nanos, String request, String connection) {}

  @Test
  void addingCallingAndTalkingLooksToTheDirectoryExactlyLikeBeingIdle(@TempDir Path dir)
      throws Exception {
    List<String> leaks = run(dir, false);
    assertThat(leaks).as("what the directory could tell apart").isEmpty();
  }

  @Test
  void theCheckCatchesTheLookupTheClientUsedToMakeWhenAddingAContact(@TempDir Path dir)
      throws Exception {
    List<String> leaks = run(dir, true);
    assertThat(leaks).as("a lookup of bob while alice adds him").isNotEmpty()
        .anySatisfy(leak -> assertThat(leak).contains("LookupUser"));
  }

  /**
   * Runs the scenario and returns every difference the directory could see between the clients'
   * connections, one line each (empty when there is none).
   *
   * @param lookUpBob also make, when alice adds bob, the LookupUser call the client made before
   *     it kept a mirror of the directory
   */
  private static List<String> run(Path dir, boolean lookUpBob) throws Exception {
    List<Call> calls = new CopyOnWriteArrayList<>();
    NavigableMap<Long, Long> roundAt = new ConcurrentSkipListMap<>(); // listener time -> round
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, INTERVAL_MS, 1,
            5, 1, TestUser.FAST_DIALING);
        TestUser alice = new TestUser("alice", dir.resolve("alice"),
            cluster.files().descriptor()).open();
        TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
            .open();
        TestUser carol = new TestUser("carol", dir.resolve("carol"),
            cluster.files().descriptor()).open()) {
      cluster.coordinator().addCallObserver((method, peer, bytes, arrived) -> {
        if (method.startsWith(DirectoryGrpc.SERVICE_NAME + "/")) {
          calls.add(new Call(arrived, method.substring(method.indexOf('/') + 1) + " ("
              + bytes + " bytes)", peer));
        }
      });
      cluster.coordinator().addDialingListener(outcome -> {
        if (outcome.delivered()) { // an aborted round has no buckets, so nobody syncs in it
          roundAt.put(System.nanoTime(), outcome.round());
        }
      });
      for (TestUser user : List.of(alice, bob, carol)) {
        user.client.register(user.name, TestUser.PASSWORD);
      }
      for (TestUser user : List.of(alice, bob, carol)) {
        user.client.connect();
      }
      // Every mirror holds all three before the window opens (syncs at connect and each round),
      // and the registrations lie in rounds before it.
      int connectedAt = roundAt.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> roundAt.size() >= connectedAt + 3);
      // The window opens in the current round, once its three scheduled syncs are in, so what
      // alice does next falls inside it.
      long firstRound = lastRound(roundAt);
      long opened = roundAt.lastKey();
      await().atMost(Duration.ofSeconds(30)).until(() -> calls.stream()
          .filter(c -> c.nanos() + EARLY_NS >= opened).count() >= 3);

      alice.client.addContact("bob");
      if (lookUpBob) {
        lookUp(cluster, "bob");
      }
      alice.client.dial("bob");
      bob.acceptWhenInvited("alice");
      alice.client.send("bob", "hello bob");
      bob.client.send("alice", "hi alice");
      await().atMost(Duration.ofSeconds(30)).until(() -> !bob.received.isEmpty()
          && !alice.received.isEmpty() && alice.client.outbox("bob").isEmpty()
          && bob.client.outbox("alice").isEmpty());
      assertThat(bob.received.get(0).text()).isEqualTo("hello bob");
      assertThat(alice.received.get(0).text()).isEqualTo("hi alice");
      // One more full round, so the last round compared has all its syncs in.
      long lastRound = lastRound(roundAt);
      await().atMost(Duration.ofSeconds(30)).until(() -> lastRound(roundAt) >= lastRound + 2);
      return leaks(calls, roundAt, firstRound, lastRound);
    }
  }

  /** What the client used to do when a contact was added: ask the directory for their keys. */
  private static void lookUp(LocalCluster cluster, String name) {
    ManagedChannel channel = Channels.open(cluster.descriptor().coordinator(),
        TlsContexts.pinned(cluster.descriptor().caCertificate()));
    try {
      DirectoryGrpc.newBlockingStub(channel)
          .lookupUser(LookupUserRequest.newBuilder().setUsername(name).build());
    } finally {
      Channels.close(channel);
    }
  }

  private static long lastRound(NavigableMap<Long, Long> roundAt) {
    return roundAt.isEmpty() ? -1 : roundAt.lastEntry().getValue();
  }

  /**
   * Compares, for each dialing round from {@code first} to {@code last}, the directory calls of
   * each connection: every connection must make the same calls as every other (the idle one's
   * included), and exactly three connections (alice's, bob's, carol's) may call at all.
   */
  private static List<String> leaks(List<Call> calls, NavigableMap<Long, Long> roundAt,
      long first, long last) {
    // connection -> round -> request kind and size -> count
    Map<String, TreeMap<Long, Map<String, Long>>> byConnection = new java.util.HashMap<>();
    for (Call call : calls) {
      Map.Entry<Long, Long> round = roundAt.floorEntry(call.nanos() + EARLY_NS);
      if (round == null || round.getValue() < first || round.getValue() > last) {
        continue;
      }
      byConnection.computeIfAbsent(call.connection(), k -> new TreeMap<>())
          .computeIfAbsent(round.getValue(), k -> new TreeMap<>())
          .merge(call.request(), 1L, Long::sum);
    }
    List<String> leaks = new ArrayList<>();
    if (byConnection.size() != 3) {
      leaks.add(byConnection.size() + " connections called the directory, not the 3 clients' "
          + "(each one's calls: " + byConnection + ")");
    }
    List<Long> rounds = roundAt.values().stream().filter(r -> r >= first && r <= last).toList();
    for (long r : rounds) {
      Map<String, Map<String, Long>> inRound = byConnection.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey,
              e -> e.getValue().getOrDefault(r, Map.of())));
      if (inRound.values().stream().distinct().count() > 1) {
        leaks.add("dialing round " + r + ": the connections made different calls: " + inRound);
      }
      inRound.values().stream().filter(m -> m.size() != 2
              || m.values().stream().anyMatch(n -> n != 1L)
              || !m.keySet().stream().allMatch(k -> k.startsWith("SyncDirectory ")
                  || k.startsWith("SyncDialingKeys "))).findFirst()
          .ifPresent(m -> leaks.add("dialing round " + r + ": a client made " + m + " instead of "
              + "the scheduled SyncDirectory and SyncDialingKeys"));
    }
    assertThat(rounds).as("dialing rounds compared").hasSizeGreaterThanOrEqualTo(3);
    return leaks;
  }
}
