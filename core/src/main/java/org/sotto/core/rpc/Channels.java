package org.sotto.core.rpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;
import org.sotto.core.config.HostPort;
import org.sotto.core.server.ManagedGrpcServer;

/** Channels to Sotto servers: always TLS, bounded messages, keepalive to notice dead peers. */
public final class Channels {
  private Channels() {}

  public static ManagedChannel open(HostPort target, SslContext tls) {
    return NettyChannelBuilder.forAddress(target.host(), target.port())
        .sslContext(tls)
        .maxInboundMessageSize(ManagedGrpcServer.MAX_INBOUND_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
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
