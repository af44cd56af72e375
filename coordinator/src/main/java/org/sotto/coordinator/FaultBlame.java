package org.sotto.coordinator;

import io.grpc.Status;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.FailedNode;
import org.sotto.proto.AbortCause;

/**
 * Turns the error of a call to one mix into the abort cause and the log headline, naming the node
 * that actually failed: the mix called, or the node downstream of it that the error's
 * {@code sotto-failed-node} trailer names (see {@link FailedNode}). A dead-drop shard that is down
 * is then counted as {@code dead_drop_unavailable} and logged by its own name, not as the first
 * mix's failure. A name that is not downstream of the mix called (or not in the descriptor) is
 * ignored: a mix may pass blame on only to nodes after itself.
 */
final class FaultBlame {
  private FaultBlame() {}

  static Chain.HopFailure failure(ClusterDescriptor descriptor, int position, String doing,
      Throwable error) {
    Status status = Status.fromThrowable(error);
    String called = descriptor.mixes().get(position).name();
    String failed = FailedNode.of(error).filter(name -> downstream(descriptor, position, name))
        .orElse(called);
    boolean deadDrop = isDeadDrop(descriptor, failed);
    String detail = status.getDescription() == null ? status.getCode().toString()
        : status.getCode() + ": " + status.getDescription();
    String headline = (deadDrop ? "dead-drop shard " : "") + failed + " failed while " + doing
        + " (" + detail + ")" + (failed.equals(called) ? "" : ", as reported through " + called);
    return new Chain.HopFailure(cause(status.getCode(), deadDrop), headline, error);
  }

  private static AbortCause cause(Status.Code code, boolean deadDrop) {
    boolean unreachable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    if (deadDrop) {
      // The proto has no shard timeout: a shard that does not answer in time is unavailable.
      return unreachable ? AbortCause.ABORT_CAUSE_DEAD_DROP_UNAVAILABLE
          : AbortCause.ABORT_CAUSE_DEAD_DROP_ERROR;
    }
    return switch (code) {
      case UNAVAILABLE -> AbortCause.ABORT_CAUSE_MIX_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> AbortCause.ABORT_CAUSE_MIX_TIMEOUT;
      default -> AbortCause.ABORT_CAUSE_MIX_ERROR;
    };
  }

  private static boolean downstream(ClusterDescriptor descriptor, int position, String name) {
    int mix = descriptor.positionOf(name);
    return mix > position || mix < 0 && isDeadDrop(descriptor, name);
  }

  private static boolean isDeadDrop(ClusterDescriptor descriptor, String name) {
    return descriptor.deadDrops().stream().anyMatch(d -> d.name().equals(name));
  }
}
