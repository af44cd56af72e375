package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.config.HostPort;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.ClusterCa;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.tls.TlsFiles;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.SubscribeRequest;

/** Clients reach the coordinator only over TLS; servers accept only peers with a cluster cert. */
class TransportSecurityEndToEndTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 3, 2, 1000, 1, 5, 1);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void everyServerReportsServingOnTheStandardHealthService() {
    ManagedChannel client = Channels.open(cluster.descriptor().coordinator(),
        TlsContexts.pinned(cluster.descriptor().caCertificate()));
    TlsFiles coordinator = new TlsFiles(cluster.files().coordinatorConfig().resolveSibling(
        "tls.crt"), cluster.files().coordinatorConfig().resolveSibling("tls.key"),
        cluster.files().caCertificate());
    ManagedChannel mix = Channels.open(cluster.descriptor().mixes().get(1).address(),
        TlsContexts.client(cluster.files().caCertificate(), coordinator));
    try {
      for (ManagedChannel channel : List.of(client, mix)) {
        assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      }
    } finally {
      Channels.close(client);
      Channels.close(mix);
    }
  }

  @Test
  void aPlaintextClientIsRefused() {
    HostPort c = cluster.descriptor().coordinator();
    ManagedChannel plain = NettyChannelBuilder.forAddress(c.host(), c.port()).usePlaintext()
        .build();
    try {
      assertThatThrownBy(() -> ClientGatewayGrpc.newBlockingStub(plain)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .subscribe(SubscribeRequest.getDefaultInstance()).next())
          .isInstanceOf(StatusRuntimeException.class);
    } finally {
      Channels.close(plain);
    }
  }

  @Test
  void aClientPinningAnotherClusterRefusesTheCoordinator() throws Exception {
    ClusterCa other = ClusterCa.create("other", new SecureRandom());
    ManagedChannel channel = Channels.open(cluster.descriptor().coordinator(),
        TlsContexts.pinned(ClusterCa.toPem(other.certificate())));
    try {
      assertThatThrownBy(() -> ClientGatewayGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .subscribe(SubscribeRequest.getDefaultInstance()).next())
          .isInstanceOf(StatusRuntimeException.class);
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void aMixRefusesAPeerWithoutAClusterCertificate() {
    HostPort mix = cluster.descriptor().mixes().get(0).address();
    ManagedChannel noCert = Channels.open(mix,
        TlsContexts.client(cluster.files().caCertificate(), null));
    try {
      assertThatThrownBy(() -> MixNodeGrpc.newBlockingStub(noCert)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .openRound(OpenRoundRequest.newBuilder().setRound(1).build()))
          .isInstanceOf(StatusRuntimeException.class);
    } finally {
      Channels.close(noCert);
    }
  }

  @Test
  void aMixRefusesAPeerWhoseCertificateComesFromAnotherCa() throws Exception {
    ClusterCa other = ClusterCa.create("intruder", new SecureRandom());
    Path intruder = dir.resolve("intruder");
    other.issue(org.sotto.core.tls.ClusterPeer.mix("intruder"), List.of("localhost", "127.0.0.1")).writeTo(intruder);
    TlsFiles identity = new TlsFiles(intruder.resolve("tls.crt"), intruder.resolve("tls.key"),
        cluster.files().caCertificate());
    ManagedChannel channel = Channels.open(cluster.descriptor().mixes().get(2).address(),
        TlsContexts.client(cluster.files().caCertificate(), identity));
    try {
      assertThatThrownBy(() -> MixNodeGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .openRound(OpenRoundRequest.newBuilder().setRound(1).build()))
          .isInstanceOf(StatusRuntimeException.class);
    } finally {
      Channels.close(channel);
    }
    // the cluster's own certificate is accepted on the same port: the refusal was the cert
    TlsFiles coordinator = new TlsFiles(cluster.files().coordinatorConfig().resolveSibling(
        "tls.crt"), cluster.files().coordinatorConfig().resolveSibling("tls.key"),
        cluster.files().caCertificate());
    // (the last mix, which needs no downstream keys to open a round)
    ManagedChannel ok = Channels.open(cluster.descriptor().mixes().get(2).address(),
        TlsContexts.client(cluster.files().caCertificate(), coordinator));
    try {
      // (a round far ahead of the cluster's: a mix never reopens a round older than one closed)
      long ahead = Long.MAX_VALUE / 2;
      assertThat(MixNodeGrpc.newBlockingStub(ok).withDeadlineAfter(5, TimeUnit.SECONDS)
          .openRound(OpenRoundRequest.newBuilder().setRound(ahead).build()).getRound())
          .isEqualTo(ahead);
    } finally {
      Channels.close(ok);
    }
  }
}
