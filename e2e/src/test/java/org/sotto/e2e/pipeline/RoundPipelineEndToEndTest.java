package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;

/**
 * The round of docs/architecture.md on real servers: coordinator, 3 mix nodes and 2 dead-drop shards on
 * localhost ports with TLS, 50 pairs of clients exchanging numbered messages for 20 rounds, plus
 * clients that only send cover traffic.
 */
class RoundPipelineEndToEndTest {

  @Test
  void fiftyPairsExchangeEveryMessageExactlyOnceAndCoverClientsGetEmptyReplies(
      @TempDir Path dir) throws Exception {
    BotStats stats = new BotStats();
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 20, 4)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      long anchor = System.currentTimeMillis() / 1000;
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 50, anchor, stats);
          CoverClient cover = CoverClient.start(cluster.descriptor(), 4)) {
        fleet.start();
        int rounds = 0;
        while (rounds < 20) {
          RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
          assertThat(o).as("a round finishes every few seconds").isNotNull();
          assertThat(o.delivered()).as("round %d: %s", o.round(), o.reason()).isTrue();
          rounds++;
          fleet.topUp();
        }
        for (int drain = 0; drain < 15 && fleet.pending() > 0; drain++) {
          outcomes.poll(30, TimeUnit.SECONDS);
        }
        assertThat(fleet.pending()).as("every queued message acknowledged").isZero();
        assertThat(cover.answers()).as("cover clients were answered").isGreaterThan(10);
        assertThat(cover.nonEmptyAnswers()).as("a cover request meets nobody").isZero();
      }
      assertThat(cluster.deadDrop(0).counters().pairs() + cluster.deadDrop(1).counters().pairs())
          .as("both shards exchanged pairs").isGreaterThan(0);
      assertThat(cluster.mixes()).allSatisfy(m -> assertThat(m.counters().noiseAdded())
          .as("every mix adds noise, the last one too").isGreaterThan(0));
    }
    assertThat(stats.queued.get()).as("messages sent").isGreaterThan(500);
    assertThat(stats.received.get()).as("all arrived").isEqualTo(stats.queued.get());
    assertThat(stats.acknowledged.get()).isEqualTo(stats.queued.get());
    assertThat(stats.corrupted.get()).as("intact and to the right partner").isZero();
    assertThat(stats.outOfOrder.get()).as("in order, no duplicates").isZero();
    assertThat(List.of(stats.lost())).containsExactly(0L);
    assertThat(stats.problems()).as("no answer failed its HMAC or signature, was replayed or "
        + "out of the window").isEmpty();
  }
}
