package org.sotto.core.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sotto.core.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every Sotto role runs its gRPC server, in the shape of grpc-java's examples: start,
 * a health service (grpc.health.v1) that says SERVING once up, bounded executors and message
 * sizes, and a graceful stop that turns health to NOT_SERVING, lets calls finish for a grace
 * period, then cuts the rest.
 */
public final class ManagedGrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedGrpcServer.class);
  /** Batch chunks are at most 256 KiB of items; anything much larger is not ours. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  private final String role;
  private final Server server;
  private final HealthStatusManager health;
  private final ThreadPoolExecutor executor;

  private ManagedGrpcServer(String role, Server server, HealthStatusManager health,
      ThreadPoolExecutor executor) {
    this.role = role;
    this.server = server;
    this.health = health;
    this.executor = executor;
  }

  /** Starts serving {@code services} over TLS on {@code listen} (port 0 picks a free port). */
  public static ManagedGrpcServer start(String role, HostPort listen, SslContext tls,
      List<BindableService> services) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(10_000), r -> {
          Thread t = new Thread(r, role + "-grpc");
          t.setDaemon(true);
          return t;
        });
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress(listen.host(), listen.port()))
        .sslContext(tls)
        .executor(executor)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxInboundMetadataSize(16 * 1024)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .addService(health.getHealthService());
    services.forEach(builder::addService);
    Server server = builder.build().start();
    health.setStatus("", ServingStatus.SERVING);
    log.info("{} listening on {}:{} (TLS 1.3)", role, listen.host(), server.getPort());
    return new ManagedGrpcServer(role, server, health, executor);
  }

  public int port() {
    return server.getPort();
  }

  public HealthStatusManager health() {
    return health;
  }

  /** Stops on SIGTERM/SIGINT too. */
  public ManagedGrpcServer closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, role + "-shutdown"));
    return this;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops at once, cutting every call, as a crash would look to peers. */
  public void kill() {
    health.enterTerminalState();
    server.shutdownNow();
    executor.shutdownNow();
    log.warn("{} killed", role);
  }

  @Override
  public void close() {
    if (server.isShutdown()) {
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    log.info("{} stopped", role);
  }
}
