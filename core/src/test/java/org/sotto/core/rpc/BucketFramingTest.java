package org.sotto.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.BucketHeader;

/** Bucket streams as the writer frames them and the receiver checks them, without a network. */
class BucketFramingTest {
  private static final int SIZE = 272;

  /** Collects what a writer sends, always ready. */
  private static final class Collector<T> extends CallStreamObserver<T> {
    final List<T> chunks = new ArrayList<>();
    boolean completed;

    @Override
    public boolean isReady() {
      return !completed;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onNext(T value) {
      chunks.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      completed = true;
    }
  }

  private static byte[][] items(int n, int tag) {
    byte[][] out = new byte[n][SIZE];
    for (int i = 0; i < n; i++) {
      out[i][0] = (byte) tag;
      out[i][1] = (byte) i;
      out[i][2] = (byte) (i >> 8);
    }
    return out;
  }

  private static List<BucketChunk> write(Buckets buckets) {
    Collector<BucketChunk> out = new Collector<>();
    BucketStreams.writer(out, buckets).onReady();
    assertThat(out.completed).isTrue();
    return out.chunks;
  }

  private static Buckets receive(List<BucketChunk> chunks, int bucketCount, int first, int count)
      throws Exception {
    BucketReceiver receiver = new BucketReceiver(7, SIZE, bucketCount, first, count, 100_000);
    chunks.forEach(receiver::onNext);
    receiver.onCompleted();
    return receiver.result().get();
  }

  @Test
  void everyBucketArrivesInOrderIncludingEmptyAndMultiChunkOnes() throws Exception {
    int big = ChunkWriter.CHUNK_BYTES / SIZE * 2 + 5; // three chunks
    Buckets sent = Buckets.all(7, SIZE, new byte[][][] {items(3, 0), items(0, 1), items(big, 2)});
    List<BucketChunk> chunks = write(sent);
    assertThat(chunks).hasSize(1 + 1 + 3);
    assertThat(chunks.get(1).getHeader().getCount()).isZero();
    Buckets got = receive(chunks, 3, 0, 3);
    for (int b = 0; b < 3; b++) {
      assertThat(got.bucket(b)).isDeepEqualTo(sent.bucket(b));
    }
    assertThat(got.totalItems()).isEqualTo(3 + big);
  }

  @Test
  void aSingleFetchedBucketKeepsItsIndex() throws Exception {
    Buckets one = new Buckets(7, SIZE, 5, 3, new byte[][][] {items(4, 3)});
    List<BucketChunk> chunks = write(one);
    assertThat(chunks.get(0).getHeader().getBucket()).isEqualTo(3);
    assertThat(chunks.get(0).getHeader().getBucketCount()).isEqualTo(5);
    assertThat(receive(chunks, 5, 3, 1).bucket(3)).isDeepEqualTo(one.bucket(3));
  }

  @Test
  void framingErrorsAreInvalidArgument() throws Exception {
    List<BucketChunk> good = write(Buckets.all(7, SIZE, new byte[][][] {items(2, 0), items(1, 1)}));

    assertRefused(List.of(good.get(1), good.get(0)), 2); // out of order
    assertRefused(List.of(good.get(0)), 2); // a bucket missing
    assertRefused(List.of(good.get(0), good.get(1), good.get(1)), 2); // one too many
    BucketChunk noHeader = BucketChunk.newBuilder().setItems(good.get(0).getItems()).build();
    assertRefused(List.of(noHeader), 1);
    BucketChunk partial = good.get(0).toBuilder()
        .setItems(good.get(0).getItems().substring(0, SIZE + 1)).build();
    assertRefused(List.of(partial, good.get(1)), 2);
    BucketChunk wrongRound = good.get(0).toBuilder()
        .setHeader(good.get(0).getHeader().toBuilder().setDialingRound(8)).build();
    assertRefused(List.of(wrongRound, good.get(1)), 2);
    BucketChunk overCount = good.get(0).toBuilder()
        .setHeader(BucketHeader.newBuilder(good.get(0).getHeader()).setCount(1)).build();
    assertRefused(List.of(overCount, good.get(1)), 2);
  }

  @Test
  void aBatchIsStillOneHeaderThenItems() {
    Collector<BatchChunk> out = new Collector<>();
    ChunkWriter.forBatch(out, new Batch(3, SIZE, new byte[0][])).onReady();
    assertThat(out.chunks).hasSize(1);
    assertThat(out.chunks.get(0).getHeader().getCount()).isZero();
    assertThat(out.chunks.get(0).getItems()).isEqualTo(ByteString.EMPTY);
    assertThat(out.completed).isTrue();
  }

  private static void assertRefused(List<BucketChunk> chunks, int count) {
    BucketReceiver receiver = new BucketReceiver(7, SIZE, count, 0, count, 100_000);
    chunks.forEach(receiver::onNext);
    receiver.onCompleted();
    try {
      receiver.result().get();
      throw new AssertionError("accepted a malformed bucket stream");
    } catch (ExecutionException | InterruptedException e) {
      assertThat(Status.fromThrowable(e.getCause()).getCode())
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }
}
