package org.sotto.mixnode;

import java.util.concurrent.ForkJoinPool;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;

/**
 * What every {@link MixEngine} of one mix node shares: its place in the chain, the signing key
 * its round keys are signed with, the X25519 implementation, the worker pool that peels and wraps
 * on every core, and the one thread that makes noise ahead.
 */
record MixContext(ClusterDescriptor descriptor, int position, byte[] signingKey, X25519 x25519,
    ForkJoinPool pool, NoiseAhead noiseAhead) {

  /** The cluster identity this mix signs into every round key. */
  byte[] clusterId() {
    return descriptor.clusterId();
  }

  boolean isLast() {
    return position == descriptor.chainLength() - 1;
  }
}
