package org.sotto.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.config.HostPort;
import org.sotto.deaddrop.DeadDropServer;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.mixnode.MixNodeConfig;
import org.sotto.mixnode.MixNodeServer;

/**
 * A real cluster with every operator endpoint on: each node's /metrics is scraped over HTTP while
 * bots chat, and the numbers must move with what the cluster did; each node answers plaintext
 * health checks; a killed mix shows up as aborted rounds by cause on the coordinator.
 */
class MetricsEndToEndTest {
  private static final int PAIRS = 3;

  @Test
  void everyNodeServesItsMetricsAndHealthAndTheNumbersFollowTheRounds(@TempDir Path dir)
      throws Exception {
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    java.util.Set<String> scraped = new java.util.HashSet<>();
    try (LocalCluster cluster = LocalCluster.startWithOperatorEndpoints(dir, 3, 2, 500, 1, 5,
        1)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), PAIRS,
          System.currentTimeMillis() / 500, new BotStats())) {
        fleet.start();
        awaitRounds(outcomes, fleet, 4, true);

        PrometheusScrape coordinator = scrape(cluster.coordinator().metrics().port());
        scraped.addAll(coordinator.names());
        assertThat(coordinator.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(coordinator.sum("sotto_rounds_delivered_total")).isGreaterThanOrEqualTo(4);
        assertThat(coordinator.sum("sotto_clients_connected")).isEqualTo(2 * PAIRS);
        assertThat(coordinator.sum("sotto_round_mix_seconds_count", "outcome", "delivered"))
            .isGreaterThanOrEqualTo(4);
        assertThat(coordinator.sum("sotto_round_mix_seconds_bucket", "outcome", "delivered", "le", "+Inf"))
            .as("a real histogram, with buckets").isGreaterThanOrEqualTo(4);
        assertThat(coordinator.sum("sotto_round_open_seconds_count")).isGreaterThanOrEqualTo(4);
        assertThat(coordinator.sum("sotto_round_onions_sum")).isGreaterThan(0);
        assertThat(coordinator.sum("sotto_round_clients_max")).isEqualTo(2 * PAIRS);
        assertThat(coordinator.has("sotto_rounds_aborted_total", "cause", "mix_unavailable"))
            .as("every abort cause is there from the start, at zero").isTrue();
        assertThat(coordinator.has("sotto_submissions_rejected_total", "code", "ALREADY_EXISTS"))
            .isTrue();
        assertThat(coordinator.sum("grpc_server_requests_received_messages_total"))
            .as("gRPC calls are counted per method").isGreaterThan(0);
        assertJvmMetrics(coordinator);
        assertThat(coordinator.matching("sotto_rounds_delivered_total").get(0).labels())
            .containsEntry("role", "coordinator").containsEntry("node", "coordinator");

        for (MixNodeServer mix : cluster.mixes()) {
          PrometheusScrape m = scrape(mix.metrics().port());
          scraped.addAll(m.names());
          assertThat(m.sum("sotto_mix_onions_received_total")).isGreaterThan(0);
          // read from the node's own counter (rounds go on, so it may have moved since)
          assertThat(m.sum("sotto_mix_noise_added_requests_total")).isGreaterThan(0)
              .isLessThanOrEqualTo(mix.counters().noiseAdded());
          assertThat(m.sum("sotto_mix_rounds_total", "outcome", "mixed")).isGreaterThan(0);
          assertThat(m.has("sotto_mix_onions_dropped_total", "reason", "bad_mac")).isTrue();
          assertThat(m.has("sotto_mix_onions_dropped_total", "reason", "duplicate")).isTrue();
          for (String phase : new String[] {"peel", "noise", "downstream", "reverse"}) {
            assertThat(m.sum("sotto_mix_phase_seconds_count", "phase", phase)).as(phase)
                .isGreaterThan(0);
            assertThat(m.sum("sotto_mix_phase_seconds_sum", "phase", phase)).as(phase)
                .isGreaterThan(0);
          }
          assertThat(m.has("executor_queued_tasks")).as("gRPC executor saturation").isTrue();
          assertJvmMetrics(m);
        }
        double pairs = 0;
        for (DeadDropServer shard : cluster.deadDrops()) {
          PrometheusScrape d = scrape(shard.metrics().port());
          scraped.addAll(d.names());
          assertThat(d.sum("sotto_deaddrop_rounds_total")).isGreaterThan(0);
          assertThat(d.sum("sotto_deaddrop_exchanges_total", "outcome", "single"))
              .isGreaterThan(0);
          pairs += d.sum("sotto_deaddrop_exchanges_total", "outcome", "pair");
        }
        assertThat(pairs).as("the bots' exchanges met at the shards").isGreaterThan(0);
        assertThat(OperatorFiles.dashboardMetrics()).as("every series the Grafana dashboard "
            + "and the alert rules query is one the nodes export").isNotEmpty()
            .allSatisfy(name -> assertThat(scraped).contains(name));

        for (int i = 0; i < 3; i++) {
          assertThat(health(MixNodeConfig.load(cluster.files().mixConfig(i)).health()))
              .isEqualTo(ServingStatus.SERVING);
        }
        assertThat(health(CoordinatorConfig.load(cluster.files().coordinatorConfig()).health()))
            .isEqualTo(ServingStatus.SERVING);

        cluster.killMix(1);
        awaitRounds(outcomes, fleet, 2, false);
        PrometheusScrape afterKill = scrape(cluster.coordinator().metrics().port());
        assertThat(afterKill.sum("sotto_rounds_aborted_total")).isGreaterThanOrEqualTo(2)
            .isLessThanOrEqualTo(cluster.coordinator().counters().roundsAborted());
        assertThat(afterKill.sum("sotto_round_mix_seconds_count", "outcome", "aborted")
            + afterKill.sum("sotto_rounds_aborted_total", "cause", "mix_unavailable"))
            .isGreaterThan(0);

        cluster.restartMix(1);
        awaitRounds(outcomes, fleet, 2, true);
        assertThat(scrape(cluster.mix(1).metrics().port())
            .sum("sotto_mix_rounds_total", "outcome", "mixed"))
            .as("the restarted mix serves metrics on its port again").isGreaterThan(0);
      }
    }
  }

  private static PrometheusScrape scrape(java.util.OptionalInt port) throws Exception {
    assertThat(port).as("metrics are served").isPresent();
    return PrometheusScrape.of(port.getAsInt());
  }

  private static void assertJvmMetrics(PrometheusScrape scrape) {
    assertThat(scrape.sum("jvm_memory_used_bytes")).isGreaterThan(0);
    assertThat(scrape.has("jvm_threads_live_threads")).isTrue();
    assertThat(scrape.has("system_cpu_count")).isTrue();
    assertThat(scrape.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
  }

  private static ServingStatus health(HostPort address) throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext().build();
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void awaitRounds(LinkedBlockingQueue<RoundOutcome> outcomes, BotFleet fleet,
      int count, boolean delivered) throws InterruptedException {
    int seen = 0;
    while (seen < count) {
      RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(o).as("rounds keep finishing").isNotNull();
      // Delivered rounds count once every bot took part, so the numbers below have moved.
      if (o.delivered() == delivered && (!delivered || o.clients() == 2 * PAIRS)) {
        seen++;
      }
      fleet.topUp();
    }
  }
}
