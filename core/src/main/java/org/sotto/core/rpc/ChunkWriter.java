package org.sotto.core.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.CallStreamObserver;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BatchHeader;

/**
 * Streams fixed-size items as chunks of whole items, honouring gRPC flow control: it writes only
 * while the transport {@link CallStreamObserver#isReady() is ready} and resumes from the on-ready
 * callback, so a slow receiver holds the sender back instead of filling its memory.
 *
 * <p>The items come in segments (one for a batch, one per bucket for a dialing round's buckets);
 * every segment starts with a chunk carrying its header, even when the segment is empty, and the
 * stream completes after the last segment.
 */
final class ChunkWriter<T> {
  /** Upper bound of one chunk's item bytes; well under the servers' message-size limit. */
  static final int CHUNK_BYTES = 256 * 1024;

  /** Builds the message for one chunk of segment {@code segment}. */
  @FunctionalInterface
  interface Framing<T> {
    T chunk(int segment, boolean withHeader, ByteString items);
  }

  private final CallStreamObserver<T> out;
  private final int itemSize;
  private final byte[][][] segments;
  private final Framing<T> framing;
  private final int itemsPerChunk;
  private int segment;
  private int next;
  private boolean headerSent;
  private boolean completed;

  ChunkWriter(CallStreamObserver<T> out, int itemSize, byte[][][] segments, Framing<T> framing) {
    this.out = out;
    this.itemSize = itemSize;
    this.segments = segments;
    this.framing = framing;
    this.itemsPerChunk = Math.max(1, CHUNK_BYTES / Math.max(1, itemSize));
  }

  /** A batch: one segment under one {@link BatchHeader}. */
  static ChunkWriter<BatchChunk> forBatch(CallStreamObserver<BatchChunk> out, Batch batch) {
    BatchHeader header = BatchHeader.newBuilder().setRound(batch.round())
        .setCount(batch.items().length).setItemSize(batch.itemSize()).build();
    return new ChunkWriter<>(out, batch.itemSize(), new byte[][][] {batch.items()},
        (segment, withHeader, items) -> {
          BatchChunk.Builder chunk = BatchChunk.newBuilder().setItems(items);
          return withHeader ? chunk.setHeader(header).build() : chunk.build();
        });
  }

  /** Writes as much as the transport accepts now; call again whenever it becomes ready. */
  synchronized void onReady() {
    while (!completed && out.isReady()) {
      if (segment == segments.length) {
        completed = true;
        out.onCompleted();
        return;
      }
      byte[][] items = segments[segment];
      boolean withHeader = !headerSent;
      headerSent = true;
      int n = Math.min(itemsPerChunk, items.length - next);
      ByteString data = ByteString.EMPTY;
      if (n > 0) {
        byte[] buf = new byte[n * itemSize];
        for (int i = 0; i < n; i++) {
          System.arraycopy(items[next + i], 0, buf, i * itemSize, itemSize);
        }
        next += n;
        data = UnsafeByteOperations.unsafeWrap(buf);
      }
      out.onNext(framing.chunk(segment, withHeader, data));
      if (next >= items.length) {
        segment++;
        next = 0;
        headerSent = false;
        if (segment == segments.length) {
          completed = true;
          out.onCompleted();
        }
      }
    }
  }
}
