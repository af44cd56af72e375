package org.sotto.core.rpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sotto.core.config.HostPort;
import org.sotto.core.server.ManagedGrpcServer;

/** Channels to Sotto servers: always TLS, bounded messages, keepalive to notice dead peers. */
public final class Channels {
  private Channels() {}

  public static ManagedChannel open(HostPort target, SslContext tls) {
    return open(target, tls, List.of());
  }

  /**
   * As {@link #open(HostPort, SslContext)}, every call passing through {@code interceptors}
   * (chained as gRPC does: the last runs first), e.g. an audit's view of what a client sends.
   */
  public static ManagedChannel open(HostPort target, SslContext tls,
      List<ClientInterceptor> interceptors) {
    return NettyChannelBuilder.forAddress(target.host(), target.port())
        .sslContext(tls)
        .maxInboundMessageSize(ManagedGrpcServer.MAX_INBOUND_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .intercept(interceptors)
        .build();
  }

  /**
   * Why a call to a Sotto server failed, in words for a status line. Never the Status's own
   * toString(), which carries the whole stack trace of its cause.
   */
  public static String describe(Status status) {
    String detail = status.getDescription() == null ? "" : " (" + status.getDescription() + ")";
    return switch (status.getCode()) {
      case UNAVAILABLE -> "the server cannot be reached";
      case DEADLINE_EXCEEDED -> "the server did not answer in time";
      case CANCELLED -> "the call was cancelled";
      case UNAUTHENTICATED, PERMISSION_DENIED -> "the server refused this client" + detail;
      case RESOURCE_EXHAUSTED -> "the server is overloaded or rate-limiting" + detail;
      default -> "the server ended the call: " + status.getCode() + detail;
    };
  }

  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
