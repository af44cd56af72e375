package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.proto.AbortCause;

/** A mix node dies while rounds run: rounds abort with a reason, resume after it restarts, and
 * the clients' retransmissions make sure no message is lost. */
class MixFailureEndToEndTest {

  @Test
  void aKilledMixAbortsRoundsWithAReasonAndRoundsResumeAfterItsRestart(@TempDir Path dir)
      throws Exception {
    BotStats stats = new BotStats();
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    List<RoundOutcome> aborted = new ArrayList<>();
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 700, 1, 10, 2)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 5,
          System.currentTimeMillis() / 700, stats)) {
        fleet.start();
        awaitDelivered(outcomes, 3, fleet, aborted);

        cluster.killMix(1);
        while (aborted.size() < 2) {
          RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
          assertThat(o).isNotNull();
          if (!o.delivered()) {
            aborted.add(o);
          }
          fleet.topUp();
        }
        cluster.restartMix(1);
        awaitDelivered(outcomes, 5, fleet, aborted);

        for (int drain = 0; drain < 20 && fleet.pending() > 0; drain++) {
          outcomes.poll(30, TimeUnit.SECONDS);
        }
        assertThat(fleet.pending()).isZero();
      }
      assertThat(cluster.coordinator().counters().roundsAborted()).isGreaterThanOrEqualTo(2);
    }
    assertThat(aborted).allSatisfy(o -> {
      assertThat(o.cause()).isIn(AbortCause.ABORT_CAUSE_MIX_UNAVAILABLE,
          AbortCause.ABORT_CAUSE_MIX_ERROR, AbortCause.ABORT_CAUSE_MIX_TIMEOUT);
      assertThat(o.reason()).as("the reason names a mix").contains("mix-");
    });
    assertThat(stats.received.get()).isEqualTo(stats.queued.get()).isGreaterThan(0);
    assertThat(stats.corrupted.get()).isZero();
    assertThat(stats.outOfOrder.get()).isZero();
    assertThat(stats.problems()).as("no answer failed its HMAC or signature, was replayed or "
        + "out of the window").isEmpty();
  }

  private static void awaitDelivered(LinkedBlockingQueue<RoundOutcome> outcomes, int rounds,
      BotFleet fleet, List<RoundOutcome> aborted) throws InterruptedException {
    int delivered = 0;
    while (delivered < rounds) {
      RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(o).as("rounds keep finishing").isNotNull();
      if (o.delivered()) {
        delivered++;
      } else {
        aborted.add(o);
      }
      fleet.topUp();
    }
  }
}
