package org.sotto.coordinator;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.coordinator.directory.Directory;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;

/**
 * A running coordinator: the clients' TLS endpoint, the round and dialing drivers and the chain
 * connections. Closing it stops rounds gracefully first, then the server.
 */
public final class CoordinatorServer implements AutoCloseable {
  /** Dialing rounds whose buckets clients can still fetch (a minute at the default interval). */
  static final int DIALING_ROUNDS_KEPT = 6;
  /** The most invitations, noise included, one dialing round's buckets may hold. */
  static final long MAX_INVITATIONS = 4_000_000;

  private final ManagedGrpcServer server;
  private final RoundDriver rounds;
  private final Chain chain;
  private final SessionRegistry sessions;
  private final CoordinatorCounters counters;
  private final List<RoundListener> listeners;
  private final DialingDriver dialing;
  private final List<DialingListener> dialingListeners;
  private final Directory directory;
  private final List<SubmissionListener> submissionListeners;

  private CoordinatorServer(ManagedGrpcServer server, RoundDriver rounds, Chain chain,
      SessionRegistry sessions, CoordinatorCounters counters, List<RoundListener> listeners,
      DialingDriver dialing, List<DialingListener> dialingListeners, Directory directory,
      List<SubmissionListener> submissionListeners) {
    this.server = server;
    this.rounds = rounds;
    this.chain = chain;
    this.sessions = sessions;
    this.counters = counters;
    this.listeners = listeners;
    this.dialing = dialing;
    this.dialingListeners = dialingListeners;
    this.directory = directory;
    this.submissionListeners = submissionListeners;
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
    List<DialingListener> dialingListeners =
        new CopyOnWriteArrayList<>(List.of(new DialingMetrics(metrics.registry())));
    BucketStore buckets = new BucketStore(DIALING_ROUNDS_KEPT);
    DialingDriver dialing = new DialingDriver(descriptor,
        new DialingChain(descriptor, chain, config.hopTimeoutMs(), MAX_INVITATIONS), sessions,
        buckets, outcome -> dialingListeners.forEach(l -> l.dialingRoundFinished(outcome)),
        config.hopTimeoutMs());
    List<SubmissionListener> submissionListeners = new CopyOnWriteArrayList<>();
    SubmissionListener submitted = (kind, round, session, sizes) ->
        submissionListeners.forEach(l -> l.accepted(kind, round, session, sizes));
    ManagedGrpcServer server;
    Directory directory = null;
    try {
      directory = Directory.open(config.dataDir(), config.directory());
      server = ManagedGrpcServer.start("coordinator", config.listen(),
          TlsContexts.server(config.tls(), false),
          List.of(new ClientGatewayService(descriptor, sessions, rounds, counters, submitted),
              new DialingGatewayService(descriptor, sessions, dialing, buckets, counters,
                  submitted),
              directory.service()), metrics, config.health());
    } catch (IOException | RuntimeException e) {
      chain.close();
      metrics.close();
      if (directory != null) {
        directory.close();
      }
      throw e;
    }
    rounds.start();
    dialing.start();
    return new CoordinatorServer(server, rounds, chain, sessions, counters, listeners, dialing,
        dialingListeners, directory, submissionListeners);
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

  /** Registered accounts. */
  public long accounts() {
    return directory.accounts();
  }

  public int connectedClients() {
    return sessions.size();
  }

  public void addRoundListener(RoundListener listener) {
    listeners.add(listener);
  }

  public void addDialingListener(DialingListener listener) {
    dialingListeners.add(listener);
  }

  /** Told about every accepted submission (conversation and dialing onions). */
  public void addSubmissionListener(SubmissionListener listener) {
    submissionListeners.add(listener);
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
    dialing.close();
    rounds.close();
    sessions.closeAll();
    server.close();
    chain.close();
    directory.close();
  }
}
