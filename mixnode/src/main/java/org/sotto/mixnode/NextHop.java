package org.sotto.mixnode;

import java.util.concurrent.CompletableFuture;
import org.sotto.core.rpc.Batch;

/** Where a mix sends its shuffled batch: the next mix, or (at the end) the dead-drop shards. */
interface NextHop extends AutoCloseable {

  /** Sends the batch on and completes with one reply per item, in the same order. */
  CompletableFuture<byte[][]> forward(Batch batch);

  @Override
  void close();

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
