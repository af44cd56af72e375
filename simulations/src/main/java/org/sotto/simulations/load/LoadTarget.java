package org.sotto.simulations.load;

import java.nio.file.Path;
import org.sotto.coordinator.RoundListener;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;

/**
 * The cluster a load run drives: any cluster its descriptor names, or one running in this process
 * (the launcher's local cluster), which also reports the coordinator's own round timings and whose
 * CPU the run can measure.
 */
public interface LoadTarget {

  ClusterDescriptor descriptor();

  /** True when the servers run in this JVM, so the process's CPU time is theirs (and the bots'). */
  boolean inProcess();

  /** Subscribes to the coordinator's per-round outcomes; does nothing for a remote cluster. */
  void addRoundListener(RoundListener listener);

  /** A cluster elsewhere, known by the descriptor its operator published. */
  static LoadTarget remote(Path descriptorFile) throws ConfigException {
    ClusterDescriptor descriptor = ClusterDescriptor.load(descriptorFile);
    return new LoadTarget() {
      @Override
      public ClusterDescriptor descriptor() {
        return descriptor;
      }

      @Override
      public boolean inProcess() {
        return false;
      }

      @Override
      public void addRoundListener(RoundListener listener) {}
    };
  }
}
