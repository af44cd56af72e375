package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.proto.AbortCause;

/**
 * A dead-drop shard goes down while rounds run: the failure travels back through every mix to the
 * coordinator, which must count and log it as the shard's, by the shard's name, and not as the
 * first mix's (the mix it called).
 */
class DeadDropFailureEndToEndTest {

  @Test
  void aStoppedShardIsCountedAndLoggedAsADeadDropFailureNamingIt(@TempDir Path dir)
      throws Exception {
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    List<RoundOutcome> aborted = new ArrayList<>();
    Logger coordinatorLog = (Logger) LoggerFactory.getLogger("org.sotto.coordinator");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    coordinatorLog.addAppender(logged);
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 700, 1, 10, 2)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 2,
          System.currentTimeMillis() / 700, new BotStats())) {
        fleet.start();
        int delivered = 0;
        while (delivered < 2) {
          RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
          assertThat(o).as("rounds finish while every node is up").isNotNull();
          delivered += o.delivered() ? 1 : 0;
          fleet.topUp();
        }

        cluster.stopDeadDrop(0);
        outcomes.clear();
        while (aborted.size() < 3) {
          RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
          assertThat(o).as("rounds keep finishing (aborted)").isNotNull();
          if (!o.delivered()) {
            aborted.add(o);
          }
          fleet.topUp();
        }
      }
      // The first abort may be a round already in flight when the shard stopped; the later ones
      // met a shard that was down.
      List<RoundOutcome> afterOutage = aborted.subList(1, aborted.size());
      assertThat(afterOutage).allSatisfy(o -> {
        assertThat(o.cause()).isEqualTo(AbortCause.ABORT_CAUSE_DEAD_DROP_UNAVAILABLE);
        assertThat(o.reason()).startsWith("dead-drop shard deaddrop-1 failed while mixing round")
            .contains("as reported through mix-1");
      });
      assertThat(cluster.coordinator().counters()
          .roundsAborted(AbortCause.ABORT_CAUSE_DEAD_DROP_UNAVAILABLE)).isGreaterThanOrEqualTo(2);
      assertThat(cluster.coordinator().counters()
          .roundsAborted(AbortCause.ABORT_CAUSE_MIX_UNAVAILABLE)).as("no mix is blamed").isZero();
      assertThat(cluster.coordinator().metrics().scrape()).containsPattern(
          "sotto_rounds_aborted_total\\{cause=\"dead_drop_unavailable\"[^}]*} [2-9]");
    } finally {
      coordinatorLog.detachAppender(logged);
    }
    List<String> abortLines = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("aborted")).toList();
    assertThat(abortLines).anySatisfy(line -> assertThat(line)
        .contains("aborted: dead-drop shard deaddrop-1 failed"));
    assertThat(abortLines).noneSatisfy(line -> assertThat(line).contains("mix-1 failed"));
  }
}
