package org.sotto.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * The audit fails when a leak is put back: chatting clients that submit 30 ms late fail the
 * timing check; a mix whose noise is not the descriptor's fails the noise check, and only that
 * mix is named. Short runs: 2 mixes, 2 clients per class, rounds of 250 ms.
 */
class AuditTest {
  private static final long INTERVAL_MS = 250;
  private static final ClusterDescriptor.DialingSettings DIALING =
      new ClusterDescriptor.DialingSettings(500, 1, 64, new ClusterDescriptor.NoiseSettings(4, 1));
  private static final long LATE_MS = 30;

  @Test
  void chattingClientsThatSubmitLateFailTheTimingCheck(@TempDir Path dir) throws Exception {
    AuditPlan plan = AuditPlan.of(2, 40).intercepting(ClientClass.CHATTING, new Late());
    AuditReport report;
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, INTERVAL_MS, 1,
        20, 4, DIALING)) {
      report = run(cluster, plan, dir);
    }
    assertThat(report.check("timing").passed()).as(report.table()).isFalse();
    assertThat((Double) report.get("timing", "mann_whitney_p")).isLessThan(0.01);
    // Clients submit at a point drawn afresh every round (SubmissionTiming: 30 % of a 250 ms
    // window wide), so the median of some 80 arrivals per class moves by several ms either way.
    assertThat((Double) report.get("timing", "conversation", "median_shift_ms"))
        .as("the delay shows in what the coordinator saw").isGreaterThan(LATE_MS * 0.5);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void aMixWhoseNoiseIsNotTheDescriptorsFailsTheNoiseCheck(@TempDir Path dir) throws Exception {
    AuditReport report;
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, INTERVAL_MS, 1,
        20, 4, DIALING)) {
      // mix-2 signs its keys for the cluster as published (so clients and mix-1 use it) but
      // adds half the conversation noise and no dialing noise at all.
      cluster.replaceMixWithWrongNoise(1, new ClusterDescriptor.NoiseSettings(10, 4),
          new ClusterDescriptor.NoiseSettings(0, 0));
      report = run(cluster, AuditPlan.of(2, 40), dir);
    }
    assertThat(report.check("noise").passed()).as(report.table()).isFalse();
    assertThat((Double) report.get("noise", "conversation_p")).isLessThan(0.001);
    assertThat((Double) report.get("noise", "dialing_p")).isLessThan(0.001);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> mixes = (List<Map<String, Object>>) report.get("noise", "mixes");
    assertThat(mixes.get(0)).as("mix-1 adds what the descriptor says")
        .satisfies(m -> {
          assertThat((Double) m.get("conversation_p")).isGreaterThanOrEqualTo(0.001);
          assertThat((Double) m.get("dialing_p")).isGreaterThanOrEqualTo(0.001);
        });
    assertThat(report.check("noise").summary()).contains("off: mix-2")
        .doesNotContain("mix-1");
    assertThat(report.check("shuffle").passed()).as(report.table()).isTrue();
  }

  private static AuditReport run(LocalCluster cluster, AuditPlan plan, Path dir)
      throws Exception {
    StringWriter progress = new StringWriter();
    AuditReport report = Audit.run(cluster, plan, dir.resolve("clients"),
        new PrintWriter(progress));
    System.out.print(report.table());
    return report;
  }

  /** Holds every SubmitOnions {@link #LATE_MS} before it goes out: a slower chatting path. */
  private static final class Late implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method,
        CallOptions options, Channel next) {
      ClientCall<Q, A> call = next.newCall(method, options);
      if (!method.equals(ClientGatewayGrpc.getSubmitOnionsMethod())) {
        return call;
      }
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void sendMessage(Q message) {
          try {
            Thread.sleep(LATE_MS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          super.sendMessage(message);
        }
      };
    }
  }
}
