package org.sotto.testkit.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.coordinator.CoordinatorServer;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.deaddrop.DeadDropServer;
import org.sotto.mixnode.MixNodeConfig;
import org.sotto.mixnode.MixNodeServer;

/**
 * A whole cluster on this machine, each role a real gRPC server on its own localhost port with
 * TLS, started in this process from the files {@code cluster init} wrote. The demo, the
 * benchmarks and the end-to-end tests use it; single nodes can be stopped and restarted to
 * inject faults.
 */
public final class LocalCluster implements AutoCloseable {
  private final ClusterFiles files;
  private final ClusterDescriptor descriptor;
  private final List<DeadDropServer> deadDrops = new ArrayList<>();
  private final List<MixNodeServer> mixes = new ArrayList<>();
  private CoordinatorServer coordinator;

  private LocalCluster(ClusterFiles files) throws ConfigException {
    this.files = files;
    this.descriptor = ClusterDescriptor.load(files.descriptor());
  }

  /** Lays out a cluster on free localhost ports under {@code dir} and starts every node. */
  public static LocalCluster start(Path dir, int mixes, int deadDrops, long intervalMs,
      int slots, double mu, double b) throws IOException, GeneralSecurityException,
      ConfigException {
    return start(dir, mixes, deadDrops, intervalMs, slots, mu, b,
        ClusterDescriptor.DialingSettings.DEFAULTS);
  }

  /** As above, with the dialing rounds' settings (interval, buckets, noise) given. */
  public static LocalCluster start(Path dir, int mixes, int deadDrops, long intervalMs,
      int slots, double mu, double b, ClusterDescriptor.DialingSettings dialing)
      throws IOException, GeneralSecurityException, ConfigException {
    try (PortReservation ports = PortReservation.take(1 + mixes + deadDrops)) {
      return start(dir, localSpec(ports.ports(), mixes, deadDrops, intervalMs, slots, mu, b,
          dialing), ports);
    }
  }

  /**
   * As {@link #start(Path, int, int, long, int, double, double, ClusterDescriptor.DialingSettings)},
   * every node also serving Prometheus metrics and plaintext gRPC health on free localhost ports.
   */
  public static LocalCluster startWithOperatorEndpoints(Path dir, int mixes, int deadDrops,
      long intervalMs, int slots, double mu, double b, ClusterDescriptor.DialingSettings dialing)
      throws IOException, GeneralSecurityException, ConfigException {
    int nodes = 1 + mixes + deadDrops;
    try (PortReservation reserved = PortReservation.take(3 * nodes)) {
      List<Integer> ports = reserved.ports();
      return start(dir, localSpec(ports.subList(0, nodes), mixes, deadDrops, intervalMs, slots,
          mu, b, dialing).withOperatorPorts(
          ports.subList(nodes, 2 * nodes), ports.subList(2 * nodes, 3 * nodes)), reserved);
    }
  }

  private static ClusterSpec localSpec(List<Integer> ports, int mixes, int deadDrops,
      long intervalMs, int slots, double mu, double b, ClusterDescriptor.DialingSettings dialing) {
    return new ClusterSpec("local", "127.0.0.1",
        java.util.Collections.nCopies(mixes, "127.0.0.1"),
        java.util.Collections.nCopies(deadDrops, "127.0.0.1"), ports, intervalMs, slots, mu, b,
        dialing);
  }

  /**
   * Starts the nodes, each one's ports still held by {@code ports} until just before it binds
   * them: between choosing the ports and the servers' start lie seconds of key generation, and
   * another process (a parallel test, an outgoing connection) could take a port closed earlier.
   */
  private static LocalCluster start(Path dir, ClusterSpec spec, PortReservation ports)
      throws IOException, GeneralSecurityException, ConfigException {
    int mixes = spec.mixHosts().size();
    int deadDrops = spec.deadDropHosts().size();
    LocalCluster cluster = new LocalCluster(ClusterInitializer.write(spec, dir));
    try {
      for (int i = 0; i < deadDrops; i++) {
        ports.release(nodePorts(spec, 1 + mixes + i));
        cluster.deadDrops.add(cluster.startDeadDrop(i));
      }
      for (int i = 0; i < mixes; i++) {
        ports.release(nodePorts(spec, 1 + i));
        cluster.mixes.add(cluster.startMix(i));
      }
      ports.release(nodePorts(spec, 0));
      cluster.coordinator = CoordinatorServer.start(cluster.coordinatorConfig());
    } catch (IOException | ConfigException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public ClusterFiles files() {
    return files;
  }

  public ClusterDescriptor descriptor() {
    return descriptor;
  }

  public CoordinatorServer coordinator() {
    return coordinator;
  }

  public MixNodeServer mix(int i) {
    return mixes.get(i);
  }

  public List<MixNodeServer> mixes() {
    return List.copyOf(mixes);
  }

  public List<DeadDropServer> deadDrops() {
    return List.copyOf(deadDrops);
  }

  public DeadDropServer deadDrop(int i) {
    return deadDrops.get(i);
  }

  /** Stops mix {@code i} abruptly, cutting its calls, as a crash would look to its peers. */
  public void killMix(int i) {
    mixes.get(i).kill();
  }

  /** Stops dead-drop shard {@code i}, as an outage would look to the last mix. */
  public void stopDeadDrop(int i) {
    deadDrops.get(i).close();
  }

  /** Starts mix {@code i} again on its port, with a fresh process state. */
  public void restartMix(int i) throws IOException, ConfigException {
    mixes.set(i, startMix(i));
  }

  /**
   * Stops the coordinator (gracefully: rounds in flight get their hop timeout) and starts it again
   * on its port from its config, as an operator's restart would. Its round listeners are not
   * carried over.
   */
  public void restartCoordinator() throws IOException, ConfigException {
    restartCoordinator(UnaryOperator.identity());
  }

  /** {@link #restartCoordinator()} with {@code change} applied to its configuration. */
  public void restartCoordinator(UnaryOperator<CoordinatorConfig> change)
      throws IOException, ConfigException {
    coordinator.close();
    coordinator = CoordinatorServer.start(change.apply(coordinatorConfig()));
  }

  /**
   * The coordinator's configuration from its file, with the limits on anonymous sessions raised
   * to max-clients: every client of a local cluster (a bot fleet, a benchmark) connects from
   * 127.0.0.1, and bots have no accounts (so no tickets), where a real cluster's limits would
   * refuse all but the first few.
   */
  private CoordinatorConfig coordinatorConfig() throws ConfigException {
    CoordinatorConfig config = CoordinatorConfig.load(files.coordinatorConfig());
    return config.withAnonymousSessionLimits(config.maxClients(), config.maxClients());
  }

  /**
   * Replaces mix {@code i} by a faulty one on the same port that adds other noise than the
   * descriptor's (see {@link MixNodeServer#startWithWrongNoise}), to show a check notices.
   */
  public void replaceMixWithWrongNoise(int i, ClusterDescriptor.NoiseSettings conversation,
      ClusterDescriptor.NoiseSettings dialing) throws IOException, ConfigException {
    mixes.get(i).kill();
    mixes.set(i, MixNodeServer.startWithWrongNoise(MixNodeConfig.load(files.mixConfig(i)),
        conversation, dialing));
  }

  private MixNodeServer startMix(int i) throws IOException, ConfigException {
    return MixNodeServer.start(MixNodeConfig.load(files.mixConfig(i)));
  }

  private DeadDropServer startDeadDrop(int i) throws IOException, ConfigException {
    return DeadDropServer.start(DeadDropConfig.load(files.deadDropConfig(i)));
  }

  @Override
  public void close() {
    if (coordinator != null) {
      coordinator.close();
    }
    mixes.forEach(MixNodeServer::close);
    deadDrops.forEach(DeadDropServer::close);
  }

  /** Node {@code node}'s ports (0 the coordinator, then mixes, then dead drops) in {@code spec}. */
  private static List<Integer> nodePorts(ClusterSpec spec, int node) {
    List<Integer> ports = new ArrayList<>(List.of(spec.ports().get(node)));
    if (!spec.metricsPorts().isEmpty()) {
      ports.add(spec.metricsPorts().get(node));
    }
    if (!spec.healthPorts().isEmpty()) {
      ports.add(spec.healthPorts().get(node));
    }
    return ports;
  }
}
