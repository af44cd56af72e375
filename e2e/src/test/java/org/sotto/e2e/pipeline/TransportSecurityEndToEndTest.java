package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
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
import org.sotto.proto.SubscribeRequest;

/**
 * Clients reach the coordinator only over TLS; servers accept only peers with a cluster cert. Each
 * refusal is checked to be the TLS handshake's (not any failed call), next to a correctly
 * authenticated call on the same port that succeeds, so a server that is down cannot pass.
 */
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
    assertServing(c, TlsContexts.pinned(cluster.descriptor().caCertificate()));
    ManagedChannel plain = NettyChannelBuilder.forAddress(c.host(), c.port()).usePlaintext()
        .build();
    try {
      assertThatThrownBy(() -> ClientGatewayGrpc.newBlockingStub(plain)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .subscribe(SubscribeRequest.getDefaultInstance()).next())
          .satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
              .as("the TLS server hangs up on a cleartext HTTP/2 preface: %s", chain(e))
              .isEqualTo(Status.Code.UNAVAILABLE))
          .satisfies(e -> assertThat(chain(e)).as("closed by the server, not refused by a "
              + "port nobody listens on").doesNotContain("Connection refused"));
    } finally {
      Channels.close(plain);
    }
  }

  @Test
  void aClientPinningAnotherClusterRefusesTheCoordinator() throws Exception {
    HostPort c = cluster.descriptor().coordinator();
    assertServing(c, TlsContexts.pinned(cluster.descriptor().caCertificate()));
    ClusterCa other = ClusterCa.create("other", new SecureRandom());
    assertRefusedInHandshake(c, TlsContexts.pinned(ClusterCa.toPem(other.certificate())),
        // the client's own trust check fails on the coordinator's certificate chain
        "certification path", "pkix");
  }

  @Test
  void aMixRefusesAPeerWithoutAClusterCertificate() throws Exception {
    HostPort mix = cluster.descriptor().mixes().get(0).address();
    assertServing(mix, TlsContexts.client(cluster.files().caCertificate(), coordinatorTls()));
    assertRefusedInHandshake(mix, TlsContexts.client(cluster.files().caCertificate(), null),
        // TLS 1.3: the server demands a certificate the client did not send
        "certificate_required");
  }

  @Test
  void aMixRefusesAPeerWhoseCertificateComesFromAnotherCa() throws Exception {
    HostPort mix = cluster.descriptor().mixes().get(2).address();
    assertServing(mix, TlsContexts.client(cluster.files().caCertificate(), coordinatorTls()));
    ClusterCa other = ClusterCa.create("intruder", new SecureRandom());
    Path intruder = dir.resolve("intruder");
    other.issue(org.sotto.core.tls.ClusterPeer.mix("intruder"), List.of("localhost", "127.0.0.1")).writeTo(intruder);
    TlsFiles identity = new TlsFiles(intruder.resolve("tls.crt"), intruder.resolve("tls.key"),
        cluster.files().caCertificate());
    assertRefusedInHandshake(mix, TlsContexts.client(cluster.files().caCertificate(), identity),
        // the server asks for a certificate from the cluster's CA; a client holding none offers
        // nothing and gets certificate_required (a stack that sends its only certificate anyway
        // gets unknown_ca or bad_certificate)
        "certificate_required", "unknown_ca", "bad_certificate");
  }

  private static TlsFiles coordinatorTls() {
    Path config = cluster.files().coordinatorConfig();
    return new TlsFiles(config.resolveSibling("tls.crt"), config.resolveSibling("tls.key"),
        cluster.files().caCertificate());
  }

  /** The control: the same port answers a correctly authenticated call. */
  private static void assertServing(HostPort address, SslContext tls) {
    ManagedChannel channel = Channels.open(address, tls);
    try {
      assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    } finally {
      Channels.close(channel);
    }
  }

  /**
   * A call with {@code tls} fails in the TLS handshake (UNAVAILABLE, an SSL exception in the
   * cause chain naming one of {@code alerts}, in lower case), not in the service: a server that accepted the
   * connection and then rejected the request would answer with another status.
   */
  private static void assertRefusedInHandshake(HostPort address, SslContext tls,
      String... alerts) {
    ManagedChannel channel = Channels.open(address, tls);
    try {
      assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()))
          .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).as(chain(e))
              .isEqualTo(Status.Code.UNAVAILABLE))
          .satisfies(e -> assertThat(causes(e)).as(chain(e))
              .anyMatch(t -> t instanceof SSLException))
          .satisfies(e -> assertThat(chain(e).toLowerCase(Locale.ROOT)).containsAnyOf(alerts));
    } finally {
      Channels.close(channel);
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable t = e; t != null && !causes.contains(t); t = t.getCause()) {
      causes.add(t);
    }
    return causes;
  }

  private static String chain(Throwable e) {
    return causes(e).stream().map(Throwable::toString).collect(Collectors.joining(" <- "));
  }
}
