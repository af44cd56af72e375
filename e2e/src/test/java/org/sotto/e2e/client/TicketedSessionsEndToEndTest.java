package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.e2e.pipeline.SubscribeFlood;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * Hosts flooding the coordinator with anonymous sessions, each within its per-address limit, can
 * fill the anonymous share but not lock out users with accounts: their clients show a session
 * ticket (fetched blind from the directory) and are admitted beside the flood, then dial and
 * chat. The flood's refusals are counted as sotto_sessions_refused_total{reason="anonymous"}.
 */
class TicketedSessionsEndToEndTest {
  private static final int ANONYMOUS = 24;
  private static final int PER_ADDRESS = 8;
  private static final List<String> FLOOD_HOSTS = List.of("127.0.0.2", "127.0.0.3",
      "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7");

  @Test
  void aFloodFromManyHostsFillsTheAnonymousShareAndAccountsStillChat(@TempDir Path dir)
      throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, 700, 1, 5, 1,
        TestUser.FAST_DIALING)) {
      cluster.restartCoordinator(c -> c.withAnonymousSessionLimits(ANONYMOUS, PER_ADDRESS));
      try (SubscribeFlood flood = new SubscribeFlood(cluster.descriptor());
          TestUser alice = new TestUser("alice", dir.resolve("alice"),
              cluster.files().descriptor()).open();
          TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
              .open()) {
        long start = System.nanoTime();
        for (String host : FLOOD_HOSTS) {
          flood.open(host, PER_ADDRESS);
        }
        double msPerAttempt = (System.nanoTime() - start) / 1e6
            / (FLOOD_HOSTS.size() * PER_ADDRESS);
        int attempts = FLOOD_HOSTS.size() * PER_ADDRESS;
        assertThat(flood.admitted.get()).isEqualTo(ANONYMOUS);
        assertThat(flood.refused.get()).isEqualTo(attempts - ANONYMOUS);
        assertThat(refused(cluster, "anonymous")).isEqualTo(attempts - ANONYMOUS);
        System.out.printf("flood: %d anonymous sessions from %d addresses, %d refused, %.2f ms "
            + "per attempt%n", attempts, FLOOD_HOSTS.size(), flood.refused.get(), msPerAttempt);

        for (TestUser user : List.of(alice, bob)) {
          user.client.register(user.name, TestUser.PASSWORD);
          user.client.connect();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketed(cluster) == 2);
        assertThat(cluster.coordinator().connectedClients()).isEqualTo(ANONYMOUS + 2);

        // bob is in alice's mirror once a sync after his registration came in
        await().atMost(Duration.ofSeconds(30)).until(() -> addContact(alice, "bob"));
        alice.client.dial("bob");
        bob.acceptWhenInvited("alice");
        alice.client.send("bob", "through the flood");
        bob.client.send("alice", "heard you");
        await().atMost(Duration.ofSeconds(40)).until(() -> !bob.received.isEmpty()
            && !alice.received.isEmpty());
        assertThat(bob.received.get(0).text()).isEqualTo("through the flood");
        assertThat(alice.received.get(0).text()).isEqualTo("heard you");
        assertThat(refused(cluster, "bad_ticket")).isZero();
      }
    }
  }

  private static boolean addContact(TestUser user, String name) {
    try {
      user.client.addContact(name);
      return true;
    } catch (Exception notYetInTheMirror) {
      return false;
    }
  }

  private static double refused(LocalCluster cluster, String reason) {
    FunctionCounter c = cluster.coordinator().metrics().registry()
        .find("sotto.sessions.refused").tag("reason", reason).functionCounter();
    return c == null ? -1 : c.count();
  }

  private static double ticketed(LocalCluster cluster) {
    Gauge g = cluster.coordinator().metrics().registry().find("sotto.clients.ticketed").gauge();
    return g == null ? -1 : g.value();
  }
}
