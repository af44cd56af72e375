package org.sotto.testkit.cluster;

import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;

/**
 * What {@code sotto cluster init} lays out: hosts and ports of every node and the cluster-wide
 * round settings.
 *
 * @param coordinatorHost host of the coordinator (clients and mixes reach it there)
 * @param mixHosts one host per mix node, chain order
 * @param deadDropHosts one host per dead-drop shard
 * @param ports the port of each node: coordinator, then mixes, then shards
 * @param dialing the dialing rounds' settings
 * @param metricsPorts each node's Prometheus port, in the same order; empty: metrics off
 * @param healthPorts each node's plaintext health-check port, in the same order; empty: off
 * @param bindHost the address every node listens on (e.g. 0.0.0.0 in containers, where a node's
 *     public name is not an address of its own); null: each node listens on its host
 * @param coordinatorDataDir the coordinator's data-dir as written in its config; null: "data",
 *     beside the config (installed systems use a writable state folder such as /var/lib/sotto)
 */
public record ClusterSpec(String name, String coordinatorHost, List<String> mixHosts,
    List<String> deadDropHosts, List<Integer> ports, long roundIntervalMs, int slotsPerRound,
    double noiseMu, double noiseB, ClusterDescriptor.DialingSettings dialing,
    List<Integer> metricsPorts, List<Integer> healthPorts, String bindHost,
    java.nio.file.Path coordinatorDataDir) {

  public ClusterSpec {
    if (mixHosts.isEmpty() || deadDropHosts.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one mix and one dead drop");
    }
    int nodes = 1 + mixHosts.size() + deadDropHosts.size();
    if (ports.size() != nodes) {
      throw new IllegalArgumentException("one port per node");
    }
    if (!metricsPorts.isEmpty() && metricsPorts.size() != nodes
        || !healthPorts.isEmpty() && healthPorts.size() != nodes) {
      throw new IllegalArgumentException("metrics and health ports: none, or one per node");
    }
    dialing = dialing == null ? ClusterDescriptor.DialingSettings.DEFAULTS : dialing;
    coordinatorDataDir = coordinatorDataDir == null ? java.nio.file.Path.of("data")
        : coordinatorDataDir;
  }

  /** A cluster with these dialing settings and no operator endpoints. */
  public ClusterSpec(String name, String coordinatorHost, List<String> mixHosts,
      List<String> deadDropHosts, List<Integer> ports, long roundIntervalMs, int slotsPerRound,
      double noiseMu, double noiseB, ClusterDescriptor.DialingSettings dialing) {
    this(name, coordinatorHost, mixHosts, deadDropHosts, ports, roundIntervalMs, slotsPerRound,
        noiseMu, noiseB, dialing, List.of(), List.of(), null, null);
  }

  /** A cluster with the default dialing settings and no operator endpoints. */
  public ClusterSpec(String name, String coordinatorHost, List<String> mixHosts,
      List<String> deadDropHosts, List<Integer> ports, long roundIntervalMs, int slotsPerRound,
      double noiseMu, double noiseB) {
    this(name, coordinatorHost, mixHosts, deadDropHosts, ports, roundIntervalMs, slotsPerRound,
        noiseMu, noiseB, null);
  }

  /** Every node on one host, ports counting up from {@code basePort}. */
  public static ClusterSpec onOneHost(String name, String host, int mixes, int deadDrops,
      int basePort, long roundIntervalMs, int slots, double mu, double b) {
    List<Integer> ports = java.util.stream.IntStream.range(0, 1 + mixes + deadDrops)
        .mapToObj(i -> basePort + i).toList();
    return new ClusterSpec(name, host, java.util.Collections.nCopies(mixes, host),
        java.util.Collections.nCopies(deadDrops, host), ports, roundIntervalMs, slots, mu, b);
  }

  /** The same cluster with these operator ports (node order as {@link #ports()}). */
  public ClusterSpec withOperatorPorts(List<Integer> metrics, List<Integer> health) {
    return new ClusterSpec(name, coordinatorHost, mixHosts, deadDropHosts, ports,
        roundIntervalMs, slotsPerRound, noiseMu, noiseB, dialing, metrics, health, bindHost,
        coordinatorDataDir);
  }

  /** The same cluster with every node listening on {@code host} (null: on its own host). */
  public ClusterSpec bindingTo(String host) {
    return new ClusterSpec(name, coordinatorHost, mixHosts, deadDropHosts, ports,
        roundIntervalMs, slotsPerRound, noiseMu, noiseB, dialing, metricsPorts, healthPorts,
        host, coordinatorDataDir);
  }

  /** The same cluster with the coordinator keeping its state in {@code dir}. */
  public ClusterSpec withCoordinatorDataDir(java.nio.file.Path dir) {
    return new ClusterSpec(name, coordinatorHost, mixHosts, deadDropHosts, ports,
        roundIntervalMs, slotsPerRound, noiseMu, noiseB, dialing, metricsPorts, healthPorts,
        bindHost, dir);
  }

  public int mixPort(int i) {
    return ports.get(1 + i);
  }

  public int deadDropPort(int i) {
    return ports.get(1 + mixHosts.size() + i);
  }

  /** Where node {@code i} (coordinator 0, then mixes, then shards) on {@code host} listens. */
  HostPort listen(int node, String host) {
    return new HostPort(bindHost == null ? host : bindHost, ports.get(node));
  }

  /** Node {@code i}'s metrics address, or null when metrics are off. */
  HostPort metrics(int node, String host) {
    return metricsPorts.isEmpty() ? null
        : new HostPort(bindHost == null ? host : bindHost, metricsPorts.get(node));
  }

  HostPort health(int node, String host) {
    return healthPorts.isEmpty() ? null
        : new HostPort(bindHost == null ? host : bindHost, healthPorts.get(node));
  }
}
