package org.sotto.core.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sotto.core.config.HostPort;
import org.sotto.core.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every Sotto role runs its gRPC server, in the shape of grpc-java's examples: start,
 * a health service (grpc.health.v1) that says SERVING once up, bounded executors and message
 * sizes, and a graceful stop that turns health to NOT_SERVING, lets calls finish for a grace
 * period, then cuts the rest.
 *
 * <p>It also runs the node's operator endpoints: its {@link NodeMetrics} (calls per method and
 * status, executor saturation; served for Prometheus when configured) and, when a {@code health}
 * address is given, a plaintext listener that serves only grpc.health.v1, because Kubernetes'
 * {@code grpc:} probes and most load balancers cannot speak the cluster's mutual TLS. Both are
 * closed with the server.
 *
 * <p>The server is built on whatever {@link ServerBuilder} it is given, as grpc-java's
 * RouteGuideServer takes one: {@link #tls} for a node on the network, an in-process builder when a
 * test runs a service without sockets.
 */
public final class ManagedGrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedGrpcServer.class);
  /** Batch chunks are at most 256 KiB of items; anything much larger is not ours. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  private final String role;
  private final Server server;
  private final HealthStatusManager health;
  private final ThreadPoolExecutor executor;
  private final Server healthServer;
  private final NodeMetrics metrics;

  private ManagedGrpcServer(String role, Server server, HealthStatusManager health,
      ThreadPoolExecutor executor, Server healthServer, NodeMetrics metrics) {
    this.role = role;
    this.server = server;
    this.health = health;
    this.executor = executor;
    this.healthServer = healthServer;
    this.metrics = metrics;
  }

  /** Starts serving {@code services} over TLS on {@code listen} (port 0 picks a free port). */
  public static ManagedGrpcServer start(String role, HostPort listen, SslContext tls,
      List<BindableService> services) throws IOException {
    return start(role, listen, tls, services, NodeMetrics.inProcess(role, role), null);
  }

  /**
   * As {@link #start(String, HostPort, SslContext, List)}, recording into {@code metrics} (which
   * this server closes when it stops) and, if {@code healthListen} is not null, answering
   * plaintext health checks there.
   */
  public static ManagedGrpcServer start(String role, HostPort listen, SslContext tls,
      List<BindableService> services, NodeMetrics metrics, HostPort healthListen)
      throws IOException {
    return start(role, tls(listen, tls), services, metrics, healthListen);
  }

  /** A builder for TLS on {@code listen}, with the keep-alive floor every Sotto server allows. */
  public static ServerBuilder<?> tls(HostPort listen, SslContext tls) {
    return NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
        .sslContext(tls)
        .permitKeepAliveTime(10, TimeUnit.SECONDS);
  }

  /**
   * Builds the server on {@code builder} (its transport and address are the builder's), adds the
   * health service, the bounded executor and message-size limits and the call metrics, and starts
   * serving {@code services}. {@code metrics} is closed when this server stops, or at once if it
   * cannot start.
   */
  public static ManagedGrpcServer start(String role, ServerBuilder<?> builder,
      List<BindableService> services, NodeMetrics metrics, HostPort healthListen)
      throws IOException {
    try {
      return startServing(role, builder, services, metrics, healthListen);
    } catch (IOException | RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  private static ManagedGrpcServer startServing(String role, ServerBuilder<?> builder,
      List<BindableService> services, NodeMetrics metrics, HostPort healthListen)
      throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(10_000), r -> {
          Thread t = new Thread(r, role + "-grpc");
          t.setDaemon(true);
          return t;
        });
    builder.executor(executor)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxInboundMetadataSize(16 * 1024)
        .addService(health.getHealthService());
    new ExecutorServiceMetrics(executor, "grpc", Tags.empty()).bindTo(metrics.registry());
    MetricCollectingServerInterceptor calls =
        new MetricCollectingServerInterceptor(metrics.registry());
    StatusMapping statuses = new StatusMapping();
    MalformedRequests malformed = new MalformedRequests(metrics.registry());
    for (BindableService service : services) {
      calls.preregisterService(service);
      // Interceptors run last-added first: metrics see the status the mapping chose.
      builder.addService(ServerInterceptors.intercept(malformed.checked(service.bindService()),
          statuses, calls));
    }
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw cannotListen(role, "its listen address", e);
    } catch (RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    Server healthServer = null;
    if (healthListen != null) {
      try {
        healthServer = NettyServerBuilder
            .forAddress(new InetSocketAddress(healthListen.host(), healthListen.port()))
            .directExecutor() // answers from a map; never blocks
            .maxInboundMessageSize(16 * 1024)
            .addService(health.getHealthService())
            .build().start();
      } catch (IOException e) {
        server.shutdownNow();
        executor.shutdownNow();
        throw new IOException("health: cannot listen on " + healthListen + " (" + e.getMessage()
            + "); pick a free port for 'health' in the config, or remove the key", e);
      }
    }
    health.setStatus("", ServingStatus.SERVING);
    log.info("{} listening on {}{}{}", role, server.getListenSockets(),
        healthServer == null ? "" : ", health on " + healthListen.host() + ":"
            + healthServer.getPort() + " (plaintext)",
        metrics.port().isPresent() ? ", metrics on port " + metrics.port().getAsInt() : "");
    return new ManagedGrpcServer(role, server, health, executor, healthServer, metrics);
  }

  /**
   * Fails at once if {@code listen} cannot be bound, before a server spends seconds loading its
   * TLS keys, metrics and services only to find its port taken. The probe socket is closed
   * straight away; the real bind follows.
   */
  public static void requireFree(String role, HostPort listen) throws IOException {
    if (listen.port() == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT is free
      probe.bind(new InetSocketAddress(listen.host(), listen.port()));
    } catch (IOException e) {
      throw cannotListen(role, listen, e);
    }
  }

  private static IOException cannotListen(String role, Object listen, IOException e) {
    return new IOException(role + " cannot listen on " + listen + ": " + (inUse(e)
        ? "another program uses that port; stop it, or change 'listen' in the config"
        : "check that this host has that address and the port is allowed"), e);
  }

  /** Whether binding failed because the address is taken (Netty's native transport says so in words only). */
  private static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  /** The port it listens on, or -1 for a server with no socket (in-process). */
  public int port() {
    return server.getPort();
  }

  public HealthStatusManager health() {
    return health;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  /** The port of the plaintext health listener, or -1 when there is none. */
  public int healthPort() {
    return healthServer == null ? -1 : healthServer.getPort();
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
    if (healthServer != null) {
      healthServer.shutdownNow();
    }
    executor.shutdownNow();
    metrics.close();
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
    if (healthServer != null) {
      healthServer.shutdownNow();
    }
    executor.shutdownNow();
    metrics.close();
    log.info("{} stopped", role);
  }
}
