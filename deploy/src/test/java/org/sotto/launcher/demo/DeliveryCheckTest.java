package org.sotto.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sotto.testkit.bots.BotStats;
import org.sotto.client.conversation.ReceiveAnomaly;

/** The demo's and the bots command's verdict fails on every answer an honest peer cannot cause. */
class DeliveryCheckTest {
  @TempDir
  Path dir;

  private static BotStats allDelivered() {
    BotStats stats = new BotStats();
    stats.queued.set(10);
    stats.received.set(10);
    stats.acknowledged.set(10);
    return stats;
  }

  @Test
  void everyMessageDeliveredPassesAndTheTotalsNameEveryDropKind() throws Exception {
    BotStats stats = allDelivered();
    stats.anomaly(ReceiveAnomaly.DUPLICATE);
    stats.anomaly(ReceiveAnomaly.GAP);
    Path json = dir.resolve("stats.json");

    assertThat(DeliveryCheck.report(stats, json)).isZero();
    assertThat(Files.readString(json)).contains("\"dropped_duplicate\" : 1", "\"dropped_gap\" : 1",
        "\"dropped_mac_failure\" : 0", "\"dropped_replayed\" : 0");
  }

  @ParameterizedTest
  @EnumSource(value = ReceiveAnomaly.class, names = {"MAC_FAILURE", "SIGNATURE_FAILURE",
      "REPLAYED", "OUT_OF_WINDOW"})
  void oneAnswerThatNoHonestPeerSendsFailsTheVerdict(ReceiveAnomaly kind) throws Exception {
    BotStats stats = allDelivered();
    stats.anomaly(kind);

    assertThat(DeliveryCheck.report(stats, null)).isEqualTo(1);
  }

  @Test
  void aMessageStillInFlightFailsTheVerdict() throws Exception {
    BotStats stats = allDelivered();
    stats.queued.incrementAndGet();

    assertThat(DeliveryCheck.report(stats, null)).isEqualTo(1);
  }
}
