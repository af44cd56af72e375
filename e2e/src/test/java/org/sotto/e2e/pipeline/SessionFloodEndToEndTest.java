package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * One host opens session after session (an anonymous Subscribe needs no account): the
 * coordinator admits max-sessions-per-address of them, refuses the rest with RESOURCE_EXHAUSTED
 * (counted as sotto_sessions_refused_total{reason="per_address"}), and the legitimate clients on
 * another address keep delivering every message. The flood comes from 127.0.0.2, the bots from
 * 127.0.0.1, both on this machine's loopback.
 */
class SessionFloodEndToEndTest {
  private static final int LIMIT = 8;
  private static final int FLOOD = 200;

  @Test
  void oneAddressGetsItsShareAndEveryoneElseKeepsChatting(@TempDir Path dir) throws Exception {
    BotStats stats = new BotStats();
    try (LocalCluster cluster = LocalCluster.start(dir, 2, 1, 700, 1, 10, 2)) {
      // a local cluster lets 127.0.0.1 hold every session (its bots share it); set a real limit,
      // which the 4 bots on 127.0.0.1 stay under
      cluster.restartCoordinator(c -> c.withAnonymousSessionLimits(c.maxClients(), LIMIT));
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 2,
          System.currentTimeMillis() / 700, stats)) {
        fleet.start();
        SubscribeFlood flood = new SubscribeFlood(cluster.descriptor());
        try {
          long start = System.nanoTime();
          flood.open("127.0.0.2", FLOOD);
          long elapsedMs = (System.nanoTime() - start) / 1_000_000;
          assertThat(flood.refused.get()).as("sessions past the limit are refused")
              .isEqualTo(FLOOD - LIMIT);
          assertThat(flood.admitted.get()).isEqualTo(LIMIT);
          assertThat(refusedPerAddress(cluster)).isEqualTo(FLOOD - LIMIT);
          System.out.printf("flood: %d sessions from one address, %d refused, %.2f ms per "
              + "attempt on average%n", FLOOD, flood.refused.get(), elapsedMs / (double) FLOOD);

          long deliveredBefore = cluster.coordinator().counters().roundsDelivered();
          for (int i = 0; i < 20 && (fleet.pending() > 0
              || cluster.coordinator().counters().roundsDelivered() < deliveredBefore + 4); i++) {
            Thread.sleep(700);
            fleet.topUp();
          }
        } finally {
          flood.close();
        }
        for (int drain = 0; drain < 40 && fleet.pending() > 0; drain++) {
          Thread.sleep(700);
        }
        assertThat(fleet.pending()).as("every bot message arrived during the flood").isZero();
      }
    }
    assertThat(stats.received.get()).isEqualTo(stats.queued.get()).isGreaterThan(0);
    assertThat(stats.problems()).isEmpty();
  }

  private static double refusedPerAddress(LocalCluster cluster) {
    FunctionCounter c = cluster.coordinator().metrics().registry().find("sotto.sessions.refused")
        .tag("reason", "per_address").functionCounter();
    return c == null ? -1 : c.count();
  }
}
