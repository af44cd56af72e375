package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.config.HostPort;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.tls.TlsFiles;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.DeadDropShardGrpc;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.testkit.cluster.ClusterFiles;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * Every node's certificate calls every RPC of every other server-to-server service on a running
 * cluster: each call its role may not make is refused with PERMISSION_DENIED and counted on the
 * node called, while bots keep chatting and every round keeps delivering.
 */
class CallerRolesEndToEndTest {
  private static final long FAR_ROUND = 1L << 40; // no real round has this number

  /** One RPC of one server, and who the chain says may call it. */
  private record Rpc(String server, HostPort address, MethodDescriptor<?, ?> method,
      List<String> allowed) {}

  @Test
  void everyCallARoleMayNotMakeIsRefusedAndCountedWhileRoundsDeliver(@TempDir Path dir)
      throws Exception {
    BotStats stats = new BotStats();
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 20, 4)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), 4,
          System.currentTimeMillis() / 1000, stats)) {
        fleet.start();
        awaitDeliveredRounds(outcomes, 2);

        Map<String, TlsFiles> nodes = certificates(cluster.files());
        List<Rpc> rpcs = rpcs(cluster);
        Map<String, Integer> expectedRefusals = new LinkedHashMap<>();
        int calls = 0;
        for (Map.Entry<String, TlsFiles> caller : nodes.entrySet()) {
          for (Rpc rpc : rpcs) {
            if (rpc.allowed().contains(caller.getKey())) {
              continue; // the real rounds make these calls; here only the forbidden ones
            }
            Status status = call(rpc, caller.getValue(), cluster.files().caCertificate());
            assertThat(status.getCode())
                .as("%s calling %s on %s", caller.getKey(), rpc.method().getFullMethodName(),
                    rpc.server())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription()).contains(caller.getKey());
            expectedRefusals.merge(rpc.server(), 1, Integer::sum);
            calls++;
          }
        }
        assertThat(calls).as("every node but the one allowed called every RPC")
            .isEqualTo((nodes.size() - 1) * rpcs.size());

        for (int i = 0; i < 3; i++) {
          assertThat(refused(cluster.mix(i).metrics()))
              .as("refusals counted on %s", ClusterFiles.mixName(i))
              .isEqualTo(expectedRefusals.get(ClusterFiles.mixName(i)));
        }
        for (int i = 0; i < 2; i++) {
          assertThat(refused(cluster.deadDrop(i).metrics()))
              .as("refusals counted on %s", ClusterFiles.deadDropName(i))
              .isEqualTo(expectedRefusals.get(ClusterFiles.deadDropName(i)));
        }
        awaitDeliveredRounds(outcomes, 3);
      }
    }
    assertThat(stats.received.get()).as("bots chatted throughout").isPositive();
    assertThat(stats.lost()).as("no message lost").isZero();
  }

  private static void awaitDeliveredRounds(LinkedBlockingQueue<RoundOutcome> outcomes, int n)
      throws InterruptedException {
    outcomes.clear();
    for (int delivered = 0; delivered < n; ) {
      RoundOutcome o = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(o).as("a round finishes every few seconds").isNotNull();
      assertThat(o.delivered()).as("round %d: %s", o.round(), o.reason()).isTrue();
      delivered++;
    }
  }

  /** Each node's TLS certificate and key, as cluster init wrote them. */
  private static Map<String, TlsFiles> certificates(ClusterFiles files) {
    Map<String, TlsFiles> nodes = new LinkedHashMap<>();
    nodes.put("coordinator", tls(files.coordinatorConfig(), files));
    for (int i = 0; i < files.mixes(); i++) {
      nodes.put(ClusterFiles.mixName(i), tls(files.mixConfig(i), files));
    }
    for (int i = 0; i < files.deadDrops(); i++) {
      nodes.put(ClusterFiles.deadDropName(i), tls(files.deadDropConfig(i), files));
    }
    return nodes;
  }

  private static TlsFiles tls(Path config, ClusterFiles files) {
    return new TlsFiles(config.resolveSibling("tls.crt"), config.resolveSibling("tls.key"),
        files.caCertificate());
  }

  /** Every server-to-server RPC of the chain, with the callers the chain allows. */
  private static List<Rpc> rpcs(LocalCluster cluster) {
    List<Rpc> rpcs = new ArrayList<>();
    int mixes = cluster.descriptor().mixes().size();
    for (int i = 0; i < mixes; i++) {
      String name = ClusterFiles.mixName(i);
      HostPort address = cluster.descriptor().mixes().get(i).address();
      String upstream = i == 0 ? "coordinator" : ClusterFiles.mixName(i - 1);
      for (MethodDescriptor<?, ?> control : List.of(MixNodeGrpc.getOpenRoundMethod(),
          MixNodeGrpc.getCloseRoundMethod(), MixDialingGrpc.getOpenDialingRoundMethod(),
          MixDialingGrpc.getCloseDialingRoundMethod())) {
        rpcs.add(new Rpc(name, address, control, List.of("coordinator")));
      }
      rpcs.add(new Rpc(name, address, MixNodeGrpc.getMixBatchMethod(), List.of(upstream)));
      rpcs.add(new Rpc(name, address, MixDialingGrpc.getMixDialingBatchMethod(),
          List.of(upstream)));
    }
    for (int i = 0; i < cluster.descriptor().deadDrops().size(); i++) {
      rpcs.add(new Rpc(ClusterFiles.deadDropName(i),
          cluster.descriptor().deadDrops().get(i).address(), DeadDropShardGrpc.getExchangeMethod(),
          List.of(ClusterFiles.mixName(mixes - 1))));
    }
    return rpcs;
  }

  /** Makes the call with {@code caller}'s certificate and returns how it ended. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Status call(Rpc rpc, TlsFiles caller, Path ca) throws Exception {
    ManagedChannel channel = Channels.open(rpc.address(), TlsContexts.client(ca, caller));
    try {
      MethodDescriptor method = rpc.method();
      Object request = request(method);
      if (method.getType() == MethodDescriptor.MethodType.UNARY) {
        try {
          ClientCalls.blockingUnaryCall(channel, method,
              CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
          return Status.OK;
        } catch (StatusRuntimeException e) {
          return e.getStatus();
        }
      }
      CompletableFuture<Status> ended = new CompletableFuture<>();
      ClientCall<Object, Object> call = channel.newCall(method,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
      StreamObserver<Object> requests = ClientCalls.asyncBidiStreamingCall(call,
          new StreamObserver<>() {
            @Override
            public void onNext(Object value) {}

            @Override
            public void onError(Throwable t) {
              ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
              ended.complete(Status.OK);
            }
          });
      requests.onCompleted();
      return ended.get(15, TimeUnit.SECONDS);
    } finally {
      Channels.close(channel);
    }
  }

  private static Object request(MethodDescriptor<?, ?> method) {
    String name = method.getBareMethodName();
    return switch (name) {
      case "OpenRound" -> OpenRoundRequest.newBuilder().setRound(FAR_ROUND).build();
      case "CloseRound" -> CloseRoundRequest.newBuilder().setRound(FAR_ROUND).build();
      case "OpenDialingRound" ->
          OpenDialingRoundRequest.newBuilder().setDialingRound(FAR_ROUND).build();
      case "CloseDialingRound" ->
          CloseDialingRoundRequest.newBuilder().setDialingRound(FAR_ROUND).build();
      default -> null; // streams send nothing
    };
  }

  /** The node's sotto_rpc_refused_total, summed over methods and callers. */
  private static int refused(NodeMetrics metrics) {
    return (int) metrics.registry().find("sotto.rpc.refused").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }
}
