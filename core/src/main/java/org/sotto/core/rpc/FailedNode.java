package org.sotto.core.rpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Which node a failed batch call actually failed at, carried back up the chain in the
 * {@code sotto-failed-node} trailer. A batch goes coordinator → mix 1 → … → last mix → dead-drop
 * shards, and a failure anywhere comes back to the coordinator as mix 1's error; without this the
 * coordinator could only blame mix 1 (a shard down was counted as {@code mix_unavailable} and
 * logged as "mix-1 failed"). The hop that sees the failure names the node it called; the mixes
 * above relay that name unchanged. The coordinator accepts only a name that is downstream of the
 * mix it called, so a node can shift the blame only onto nodes after itself.
 */
public final class FailedNode {
  public static final Metadata.Key<String> TRAILER =
      Metadata.Key.of("sotto-failed-node", Metadata.ASCII_STRING_MARSHALLER);

  private FailedNode() {}

  /** The node the error's trailers name, if any. */
  public static Optional<String> of(Throwable error) {
    Metadata trailers = Status.trailersFromThrowable(error);
    return trailers == null ? Optional.empty() : Optional.ofNullable(trailers.get(TRAILER));
  }

  /** {@code status} as an exception whose trailers name {@code node}. */
  public static StatusRuntimeException blame(Status status, String node) {
    Metadata trailers = new Metadata();
    trailers.put(TRAILER, node);
    return status.asRuntimeException(trailers);
  }
}
