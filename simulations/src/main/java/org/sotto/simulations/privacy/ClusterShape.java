package org.sotto.simulations.privacy;

/** The servers a cost estimate assumes: chain length, dead-drop shards and round length. */
public record ClusterShape(int mixnodes, int deadDrops, long roundIntervalMs) {

  public ClusterShape {
    if (mixnodes < 1 || deadDrops < 1 || roundIntervalMs < 1) {
      throw new IllegalArgumentException("a cluster needs at least one mix node, one dead-drop "
          + "shard and a round interval of at least 1 ms");
    }
  }

  public double roundsPerSecond() {
    return 1000.0 / roundIntervalMs;
  }
}
