package org.sotto.core.rpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.sotto.proto.BatchChunk;

/**
 * Reassembles a streamed batch and checks it against what the receiver expects: the header comes
 * first, items have the expected size, chunks hold whole items, and the count adds up. Anything
 * else fails the future with an INVALID_ARGUMENT status and never reaches the caller as data.
 */
final class BatchReceiver implements StreamObserver<BatchChunk> {
  private final int expectedItemSize;
  private final int maxItems;
  private final CompletableFuture<Batch> result = new CompletableFuture<>();
  private final BatchStreams.ChunkListener listener;
  private long round = -1;
  private byte[][] items;
  private int received;

  BatchReceiver(int expectedItemSize, int maxItems) {
    this(expectedItemSize, maxItems, null);
  }

  BatchReceiver(int expectedItemSize, int maxItems, BatchStreams.ChunkListener listener) {
    this.expectedItemSize = expectedItemSize;
    this.maxItems = maxItems;
    this.listener = listener;
  }

  CompletableFuture<Batch> result() {
    return result;
  }

  @Override
  public synchronized void onNext(BatchChunk chunk) {
    if (result.isDone()) {
      return;
    }
    if (items == null) {
      if (!chunk.hasHeader()) {
        fail("the first chunk of a batch must carry its header");
        return;
      }
      if (chunk.getHeader().getItemSize() != expectedItemSize) {
        fail("items must be " + expectedItemSize + " bytes here, the header says "
            + chunk.getHeader().getItemSize());
        return;
      }
      if (chunk.getHeader().getCount() > maxItems) {
        fail("a batch holds at most " + maxItems + " items, the header says "
            + chunk.getHeader().getCount());
        return;
      }
      round = chunk.getHeader().getRound();
      items = new byte[chunk.getHeader().getCount()][];
      if (listener != null) {
        listener.onHeader(round, items.length);
      }
    } else if (chunk.hasHeader()) {
      fail("a batch carries one header");
      return;
    }
    ByteString data = chunk.getItems();
    if (data.size() % expectedItemSize != 0) {
      fail("a chunk must hold whole items of " + expectedItemSize + " bytes");
      return;
    }
    int n = data.size() / expectedItemSize;
    if (received + n > items.length) {
      fail("more items than the header's count of " + items.length);
      return;
    }
    int first = received;
    for (int i = 0; i < n; i++) {
      byte[] item = new byte[expectedItemSize];
      data.copyTo(item, i * expectedItemSize, 0, expectedItemSize);
      items[received++] = item;
    }
    if (listener != null && n > 0) {
      listener.onItems(items, first, n);
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public synchronized void onCompleted() {
    if (items == null) {
      fail("the batch ended before its header");
    } else if (received != items.length) {
      fail("the batch ended after " + received + " of " + items.length + " items");
    } else {
      result.complete(new Batch(round, expectedItemSize, items));
    }
  }

  private void fail(String why) {
    result.completeExceptionally(Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException());
  }
}
