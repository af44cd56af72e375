package org.sotto.mixnode;

import java.util.concurrent.CompletableFuture;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.FailedNode;

/**
 * Where a mix sends a round's shuffled batch: the next mix, or at the end of the chain the last
 * hop of the round's kind (the dead-drop shards, the bucket sort).
 *
 * @param <S> the round's settings
 * @param <R> what comes back
 */
@FunctionalInterface
interface NextHop<S, R> {

  CompletableFuture<R> forward(Batch batch, S settings);

  /**
   * A failure of the hop named {@code hop}, as a status the upstream caller can report, naming
   * in its trailers the node that failed (see FailedNode): {@code hop} itself, or, when
   * {@code relayBlame} and the hop's error names a node further down, that node. Only mixes are
   * trusted to relay: a dead-drop shard's error always blames the shard.
   */
  static io.grpc.StatusRuntimeException failed(String hop, Throwable error, boolean relayBlame) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException
        ? error.getCause() : error;
    io.grpc.Status status = io.grpc.Status.fromThrowable(cause);
    String detail = status.getDescription() == null ? status.getCode().toString()
        : status.getDescription();
    String failedNode = relayBlame ? FailedNode.of(cause).orElse(hop) : hop;
    return FailedNode.blame(status.withDescription(hop + ": " + detail), failedNode);
  }
}
