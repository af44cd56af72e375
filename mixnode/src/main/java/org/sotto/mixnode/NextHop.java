package org.sotto.mixnode;

import java.util.concurrent.CompletableFuture;
import org.sotto.core.rpc.Batch;

/** Where a mix sends its shuffled batch: the next mix, or (at the end) the dead-drop shards. */
interface NextHop extends AutoCloseable {

  /** Sends the batch on and completes with one reply per item, in the same order. */
  CompletableFuture<byte[][]> forward(Batch batch);

  @Override
  void close();
}
