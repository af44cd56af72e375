package org.sotto.core.rpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.CallStreamObserver;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BatchHeader;

/**
 * Streams a batch as chunks of whole items, honouring gRPC flow control: it writes only while the
 * transport {@link CallStreamObserver#isReady() is ready} and resumes from the on-ready callback,
 * so a slow receiver holds the sender back instead of filling its memory.
 */
final class ChunkWriter {
  /** Upper bound of one chunk's item bytes; well under the servers' message-size limit. */
  static final int CHUNK_BYTES = 256 * 1024;

  private final CallStreamObserver<BatchChunk> out;
  private final Batch batch;
  private final int itemsPerChunk;
  private int next;
  private boolean headerSent;
  private boolean completed;

  ChunkWriter(CallStreamObserver<BatchChunk> out, Batch batch) {
    this.out = out;
    this.batch = batch;
    this.itemsPerChunk = Math.max(1, CHUNK_BYTES / Math.max(1, batch.itemSize()));
  }

  /** Writes as much as the transport accepts now; call again whenever it becomes ready. */
  synchronized void onReady() {
    while (!completed && out.isReady()) {
      BatchChunk.Builder chunk = BatchChunk.newBuilder();
      if (!headerSent) {
        chunk.setHeader(BatchHeader.newBuilder().setRound(batch.round())
            .setCount(batch.items().length).setItemSize(batch.itemSize()));
        headerSent = true;
      }
      int n = Math.min(itemsPerChunk, batch.items().length - next);
      if (n > 0) {
        byte[] buf = new byte[n * batch.itemSize()];
        for (int i = 0; i < n; i++) {
          System.arraycopy(batch.items()[next + i], 0, buf, i * batch.itemSize(), batch.itemSize());
        }
        next += n;
        chunk.setItems(UnsafeByteOperations.unsafeWrap(buf));
      }
      out.onNext(chunk.build());
      if (next >= batch.items().length) {
        completed = true;
        out.onCompleted();
      }
    }
  }
}
