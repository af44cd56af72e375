package org.sotto.mixnode;

import java.util.concurrent.CompletableFuture;
import org.sotto.core.rpc.Batch;

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

  /** A failure of the hop named {@code hop}, as a status the upstream caller can report. */
  static io.grpc.StatusRuntimeException failed(String hop, Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException
        ? error.getCause() : error;
    io.grpc.Status status = io.grpc.Status.fromThrowable(cause);
    String detail = status.getDescription() == null ? status.getCode().toString()
        : status.getDescription();
    return status.withDescription(hop + ": " + detail).asRuntimeException();
  }
}
