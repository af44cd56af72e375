package org.sotto.coordinator;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.sotto.coordinator.directory.Directory;
import org.sotto.coordinator.directory.RemoteAddress;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.store.SqliteDatabase;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.core.tls.TlsContexts;

/**
 * A running coordinator: the clients' TLS endpoint, one {@link RoundDriver} for conversation
 * rounds and one for dialing rounds over the same chain connections, and the directory. Closing it stops rounds gracefully first, then the server.
 */
public final class CoordinatorServer implements AutoCloseable {
  /** Dialing rounds whose buckets clients can still fetch (a minute at the default interval). */
  static final int DIALING_ROUNDS_KEPT = 6;
  /** The most invitations, noise included, one dialing round's buckets may hold. */
  static final long MAX_INVITATIONS = 4_000_000;
  /** In the data directory: the last conversation round number handed out. */
  static final String LAST_ROUND_FILE = "last-round";
  /** In the data directory: the last dialing round number handed out. */
  static final String LAST_DIALING_ROUND_FILE = "last-dialing-round";

  private final ManagedGrpcServer server;
  private final RoundDriver<Void, byte[][]> rounds;
  private final RoundDriver<Integer, Buckets> dialing;
  private final Chain chain;
  private final ExecutorService opener;
  private final SessionRegistry sessions;
  private final CoordinatorCounters counters;
  private final List<RoundListener> listeners;
  private final List<DialingRoundListener> dialingListeners;
  private final Directory directory;
  private final List<SubmissionListener> submissionListeners;
  private final ObservingInterceptor callObservers;

  private CoordinatorServer(ManagedGrpcServer server, RoundDriver<Void, byte[][]> rounds,
      RoundDriver<Integer, Buckets> dialing, Chain chain, ExecutorService opener,
      SessionRegistry sessions, CoordinatorCounters counters, List<RoundListener> listeners,
      List<DialingRoundListener> dialingListeners, Directory directory,
      List<SubmissionListener> submissionListeners, ObservingInterceptor callObservers) {
    this.server = server;
    this.rounds = rounds;
    this.dialing = dialing;
    this.chain = chain;
    this.opener = opener;
    this.sessions = sessions;
    this.counters = counters;
    this.listeners = listeners;
    this.dialingListeners = dialingListeners;
    this.directory = directory;
    this.submissionListeners = submissionListeners;
    this.callObservers = callObservers;
  }

  public static CoordinatorServer start(CoordinatorConfig config)
      throws IOException, ConfigException {
    ClusterDescriptor descriptor = ClusterDescriptor.load(config.descriptor());
    SqliteDatabase.createPrivateFolder(config.dataDir()); // owner-only, as the directory wants
    RoundNumbers roundNumbers = RoundNumbers.open(config.dataDir().resolve(LAST_ROUND_FILE));
    RoundNumbers dialingNumbers = RoundNumbers.open(
        config.dataDir().resolve(LAST_DIALING_ROUND_FILE));
    CoordinatorCounters counters = new CoordinatorCounters();
    SessionRegistry sessions = new SessionRegistry(config.maxClients(),
        config.maxAnonymousSessions(), config.maxSessionsPerAddress());
    TicketIssuerKey ticketKey = SessionTicketKeyFile.load(config.sessionTicketKey(), descriptor);
    NodeMetrics metrics = NodeMetrics.start("coordinator", "coordinator", config.metrics());
    List<RoundListener> listeners = new CopyOnWriteArrayList<>(List.of(counters,
        new CoordinatorMetrics(metrics.registry(), counters, sessions)));
    List<DialingRoundListener> dialingListeners =
        new CopyOnWriteArrayList<>(List.of(new DialingMetrics(metrics.registry())));
    List<SubmissionListener> submissionListeners = new CopyOnWriteArrayList<>();
    SubmissionListener submitted = new SubmissionListener() {
      @Override
      public void accepted(RoundKind kind, long round, String session, List<Integer> sizes) {
        submissionListeners.forEach(l -> l.accepted(kind, round, session, sizes));
      }

      @Override
      public void accepted(RoundKind kind, long round, String session, List<Integer> sizes,
          long sinceAnnouncedNanos) {
        submissionListeners.forEach(l -> l.accepted(kind, round, session, sizes,
            sinceAnnouncedNanos));
      }
    };
    ObservingInterceptor callObservers = new ObservingInterceptor();
    Chain chain = new Chain(descriptor,
        TlsContexts.client(config.tls().caCertificate(), config.tls()),
        config.openTimeoutMs() == 0 ? null : config.openTimeoutMs());
    CoordinatorMetrics.openLatency(metrics.registry(),
        descriptor.mixes().stream().map(ClusterDescriptor.MixEntry::name).toList(),
        chain.latency());
    BucketStore buckets = new BucketStore(DIALING_ROUNDS_KEPT);
    long hopTimeoutMs = config.hopTimeoutMs();
    Clock clock = Clock.systemUTC();
    SessionTicketCheck ticketCheck = descriptor.sessionTickets() == null ? null
        : new SessionTicketCheck(descriptor.sessionTickets(), clock);
    ExecutorService opener = Executors.newCachedThreadPool(daemon("round-opener"));
    RoundDriver<Void, byte[][]> rounds = new RoundDriver<>(
        new ConversationRounds(descriptor, chain, sessions,
            outcome -> listeners.forEach(l -> l.roundFinished(outcome)), hopTimeoutMs),
        sessions, roundNumbers, clock, opener, hopTimeoutMs, counters, submitted);
    RoundDriver<Integer, Buckets> dialing = new RoundDriver<>(
        new DialingRounds(descriptor, chain, sessions, buckets,
            outcome -> dialingListeners.forEach(l -> l.dialingRoundFinished(outcome)),
            hopTimeoutMs, MAX_INVITATIONS),
        sessions, dialingNumbers, clock, opener, hopTimeoutMs, counters, submitted);
    ManagedGrpcServer server;
    Directory directory = null;
    try {
      directory = Directory.open(config.dataDir(), config.directory(), descriptor,
          ticketKey);
      server = ManagedGrpcServer.start("coordinator", config.listen(),
          TlsContexts.server(config.tls(), false),
          Stream.<BindableService>of(() -> ServerInterceptors.intercept(
                  new ClientGatewayService(descriptor, sessions, rounds, ticketCheck),
                  new RemoteAddress()),
              () -> ServerInterceptors.intercept(new DialingGatewayService(dialing, buckets,
                  new BucketFetchLimit(config.maxSessionsPerAddress(), DIALING_ROUNDS_KEPT)),
                  new RemoteAddress()), directory.service())
              .map(service -> observed(service, callObservers)).toList(),
          metrics, config.health());
    } catch (IOException | RuntimeException e) {
      chain.close();
      opener.shutdownNow();
      metrics.close();
      if (directory != null) {
        directory.close();
      }
      throw e;
    }
    rounds.start(Executors.newSingleThreadScheduledExecutor(daemon("round-ticker")));
    dialing.start(Executors.newSingleThreadScheduledExecutor(daemon("dialing-ticker")));
    return new CoordinatorServer(server, rounds, dialing, chain, opener, sessions, counters,
        listeners, dialingListeners, directory, submissionListeners, callObservers);
  }

  /** {@code service} with every request shown to the call observers first. */
  private static BindableService observed(BindableService service,
      ObservingInterceptor observers) {
    return () -> ServerInterceptors.intercept(service, observers);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
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

  public void addDialingListener(DialingRoundListener listener) {
    dialingListeners.add(listener);
  }

  /** Told about every accepted submission (conversation and dialing onions). */
  public void addSubmissionListener(SubmissionListener listener) {
    submissionListeners.add(listener);
  }

  /** Told about every request message to any service here, with its caller's address. */
  public void addCallObserver(CallObserver observer) {
    callObservers.add(observer);
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
    opener.shutdownNow();
    sessions.closeAll();
    server.close();
    chain.close();
    directory.close();
  }
}
