package org.sotto.coordinator;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;

/**
 * A running coordinator: the clients' TLS endpoint, the round driver and the chain connections.
 * Closing it stops rounds gracefully first, then the server.
 */
public final class CoordinatorServer implements AutoCloseable {
  private final ManagedGrpcServer server;
  private final RoundDriver rounds;
  private final Chain chain;
  private final SessionRegistry sessions;
  private final CoordinatorCounters counters;
  private final List<RoundListener> listeners;

  private CoordinatorServer(ManagedGrpcServer server, RoundDriver rounds, Chain chain,
      SessionRegistry sessions, CoordinatorCounters counters, List<RoundListener> listeners) {
    this.server = server;
    this.rounds = rounds;
    this.chain = chain;
    this.sessions = sessions;
    this.counters = counters;
    this.listeners = listeners;
  }

  public static CoordinatorServer start(CoordinatorConfig config)
      throws IOException, ConfigException {
    ClusterDescriptor descriptor = ClusterDescriptor.load(config.descriptor());
    CoordinatorCounters counters = new CoordinatorCounters();
    SessionRegistry sessions = new SessionRegistry(config.maxClients());
    NodeMetrics metrics = NodeMetrics.start("coordinator", "coordinator", config.metrics());
    List<RoundListener> listeners = new CopyOnWriteArrayList<>(List.of(counters,
        new CoordinatorMetrics(metrics.registry(), counters, sessions)));
    RoundListener fanOut = outcome -> listeners.forEach(l -> l.roundFinished(outcome));
    Chain chain = new Chain(descriptor,
        TlsContexts.client(config.tls().caCertificate(), config.tls()), config.hopTimeoutMs());
    RoundDriver rounds = new RoundDriver(descriptor, chain, sessions, fanOut,
        config.hopTimeoutMs());
    ManagedGrpcServer server;
    try {
      server = ManagedGrpcServer.start("coordinator", config.listen(),
          TlsContexts.server(config.tls(), false),
          List.of(new ClientGatewayService(descriptor, sessions, rounds, counters)), metrics,
          config.health());
    } catch (IOException | RuntimeException e) {
      chain.close();
      throw e;
    }
    rounds.start();
    return new CoordinatorServer(server, rounds, chain, sessions, counters, listeners);
  }

  public int port() {
    return server.port();
  }

  /** This node's meters; {@code metrics().port()} is where Prometheus scrapes them. */
  public NodeMetrics metrics() {
    return server.metrics();
  }

  public CoordinatorCounters counters() {
    return counters;
  }

  public int connectedClients() {
    return sessions.size();
  }

  public void addRoundListener(RoundListener listener) {
    listeners.add(listener);
  }

  public CoordinatorServer closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "coordinator-shutdown"));
    return this;
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    rounds.close();
    sessions.closeAll();
    server.close();
    chain.close();
  }
}
