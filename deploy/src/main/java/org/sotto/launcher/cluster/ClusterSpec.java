package org.sotto.launcher.cluster;

import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * What {@code sotto cluster init} lays out: hosts and ports of every node and the cluster-wide
 * round settings.
 *
 * @param coordinatorHost host of the coordinator (clients and mixes reach it there)
 * @param mixHosts one host per mix node, chain order
 * @param deadDropHosts one host per dead-drop shard
 * @param ports the port of each node: coordinator, then mixes, then shards
 * @param dialing the dialing rounds' settings
 */
public record ClusterSpec(String name, String coordinatorHost, List<String> mixHosts,
    List<String> deadDropHosts, List<Integer> ports, long roundIntervalMs, int slotsPerRound,
    double noiseMu, double noiseB, ClusterDescriptor.DialingSettings dialing) {

  public ClusterSpec {
    if (mixHosts.isEmpty() || deadDropHosts.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one mix and one dead drop");
    }
    if (ports.size() != 1 + mixHosts.size() + deadDropHosts.size()) {
      throw new IllegalArgumentException("one port per node");
    }
    dialing = dialing == null ? ClusterDescriptor.DialingSettings.DEFAULTS : dialing;
  }

  /** A cluster with the default dialing settings. */
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

  public int mixPort(int i) {
    return ports.get(1 + i);
  }

  public int deadDropPort(int i) {
    return ports.get(1 + mixHosts.size() + i);
  }
}
