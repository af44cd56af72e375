package org.sotto.deaddrop;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;

/** A running dead-drop shard (mutual TLS only: only the last mix talks to it). */
public final class DeadDropServer implements AutoCloseable {
  private final ManagedGrpcServer server;
  private final ExecutorService executor;
  private final DeadDropCounters counters;

  private DeadDropServer(ManagedGrpcServer server, ExecutorService executor,
      DeadDropCounters counters) {
    this.server = server;
    this.executor = executor;
    this.counters = counters;
  }

  public static DeadDropServer start(DeadDropConfig config) throws IOException {
    DeadDropCounters counters = new DeadDropCounters();
    NodeMetrics metrics = NodeMetrics.start("deaddrop", config.name(), config.metrics());
    DeadDropMetrics.bind(metrics.registry(), counters);
    ExecutorService executor = Executors.newFixedThreadPool(2,
        NamedThreads.daemon("deaddrop-exchange"));
    try {
      ManagedGrpcServer server = ManagedGrpcServer.start("dead-drop shard " + config.name(),
          config.listen(), TlsContexts.server(config.tls(), true),
          List.of(new DeadDropService(counters, executor, config.maxBatch())), metrics,
          config.health());
      return new DeadDropServer(server, executor, counters);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public DeadDropCounters counters() {
    return counters;
  }

  /** This node's meters; {@code metrics().port()} is where Prometheus scrapes them. */
  public NodeMetrics metrics() {
    return server.metrics();
  }

  public DeadDropServer closeOnShutdown() {
    server.closeOnShutdown();
    return this;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.close();
    executor.shutdownNow();
  }
}
