package org.sotto.launcher.sim;

import org.sotto.coordinator.RoundListener;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.simulations.load.LoadTarget;

/** The local cluster as a load target: in this process, with the coordinator's round timings. */
final class LocalLoadTarget implements LoadTarget {
  private final LocalCluster cluster;

  LocalLoadTarget(LocalCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public ClusterDescriptor descriptor() {
    return cluster.descriptor();
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public void addRoundListener(RoundListener listener) {
    cluster.coordinator().addRoundListener(listener);
  }
}
