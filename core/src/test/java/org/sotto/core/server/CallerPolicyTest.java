package org.sotto.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.config.HostPort;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.ClusterCa;
import org.sotto.core.tls.ClusterPeer;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.tls.TlsFiles;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;

/**
 * The caller check over real mutual TLS on a real port: certificates from one cluster CA, each
 * naming its node, calling a mix's CloseRound, which only the coordinator may call.
 */
class CallerPolicyTest {
  @TempDir
  Path dir;
  private ClusterCa ca;
  private Server server;
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final List<Long> closed = new CopyOnWriteArrayList<>();

  private TlsFiles issue(ClusterPeer node) throws Exception {
    Path d = dir.resolve(node.name());
    ca.issue(node, List.of("localhost", "127.0.0.1")).writeTo(d);
    return new TlsFiles(d.resolve("tls.crt"), d.resolve("tls.key"), dir.resolve("ca.crt"));
  }

  @BeforeEach
  void startMix() throws Exception {
    ca = ClusterCa.create("test", new SecureRandom());
    ClusterCa.writePem(dir.resolve("ca.crt"), ClusterCa.toPem(ca.certificate()), false);
    MixNodeGrpc.MixNodeImplBase mix = new MixNodeGrpc.MixNodeImplBase() {
      @Override
      public void closeRound(CloseRoundRequest request,
          StreamObserver<CloseRoundResponse> response) {
        closed.add(request.getRound());
        response.onNext(CloseRoundResponse.getDefaultInstance());
        response.onCompleted();
      }
    };
    CallerPolicy policy = CallerPolicy.forServer("mix-1")
        .allow(MixNodeGrpc.getCloseRoundMethod(), ClusterPeer.coordinator("coordinator"))
        .build((method, caller) -> refused.add(method + " from " + caller));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(TlsContexts.server(issue(ClusterPeer.mix("mix-1")), true))
        .addService(ServerInterceptors.intercept(mix, policy))
        .build().start();
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private void closeRoundAs(ClusterPeer caller, long round) throws Exception {
    ManagedChannel channel = Channels.open(new HostPort("localhost", server.getPort()),
        TlsContexts.client(dir.resolve("ca.crt"), issue(caller)));
    try {
      MixNodeGrpc.newBlockingStub(channel)
          .closeRound(CloseRoundRequest.newBuilder().setRound(round).build());
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void theCoordinatorMayCloseARound() throws Exception {
    closeRoundAs(ClusterPeer.coordinator("coordinator"), 7);
    assertThat(closed).containsExactly(7L);
    assertThat(refused).isEmpty();
  }

  @Test
  void aDeadDropShardOrAnotherMixIsRefusedNamedAndCounted() throws Exception {
    assertThatThrownBy(() -> closeRoundAs(ClusterPeer.deadDrop("deaddrop-1"), 8))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription())
              .isEqualTo("deaddrop deaddrop-1 may not call sotto.v1.MixNode/CloseRound on mix-1");
        });
    assertThatThrownBy(() -> closeRoundAs(ClusterPeer.mix("mix-2"), 9))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(closed).as("the service never saw the refused calls").isEmpty();
    assertThat(refused).containsExactly("CloseRound from deaddrop-1", "CloseRound from mix-2");
  }

  @Test
  void aNodeNamedLikeTheCoordinatorButInAnotherRoleIsRefused() throws Exception {
    assertThatThrownBy(() -> closeRoundAs(ClusterPeer.mix("coordinator"), 10))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(closed).isEmpty();
  }

  @Test
  void theCertificateNamesItsNode() throws Exception {
    ClusterPeer shard = ClusterPeer.deadDrop("deaddrop-2");
    ClusterCa.Issued issued = ca.issue(shard, List.of("localhost"));
    assertThat(ClusterPeer.of(issued.certificate())).contains(shard);
    assertThat(ClusterPeer.of(ca.certificate())).as("the CA names no node").isEmpty();
  }
}
