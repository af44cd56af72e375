package org.sotto.core.rpc;

import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.BucketHeader;

/**
 * Both ends of the dialing RPCs whose answers are buckets (dialing.proto): {@code
 * MixDialing.MixDialingBatch} (a batch of dialing onions up, every bucket of the round back) and
 * {@code DialingGateway.FetchBucket} (one bucket back). Same chunking and flow control as
 * {@link BatchStreams}, per bucket.
 */
public final class BucketStreams {
  private BucketStreams() {}

  /**
   * Client end of MixDialingBatch: streams {@code request} and completes with all
   * {@code bucketCount} buckets of the round, framing checked.
   */
  public static CompletableFuture<Buckets> call(
      Function<StreamObserver<BucketChunk>, StreamObserver<BatchChunk>> method, Batch request,
      int itemSize, int bucketCount, long maxItems) {
    BucketReceiver receiver = new BucketReceiver(request.round(), itemSize, bucketCount, 0,
        bucketCount, maxItems);
    BatchStreams.start(method, request, receiver);
    return receiver.result();
  }

  /**
   * Server end of MixDialingBatch: {@code handler} gets the received batch and returns the round's
   * buckets, which are streamed back bucket by bucket with flow control.
   */
  public static StreamObserver<BatchChunk> serve(StreamObserver<BucketChunk> responses,
      int requestItemSize, int maxItems, Function<Batch, CompletableFuture<Buckets>> handler) {
    return serve(responses, requestItemSize, maxItems, null, handler);
  }

  /** As {@link #serve(StreamObserver, int, int, Function)}, showing {@code listener} each chunk. */
  public static StreamObserver<BatchChunk> serve(StreamObserver<BucketChunk> responses,
      int requestItemSize, int maxItems, BatchStreams.ChunkListener listener,
      Function<Batch, CompletableFuture<Buckets>> handler) {
    return BatchStreams.serve(responses, requestItemSize, maxItems, listener, handler,
        BucketStreams::writer);
  }

  /** Server end of FetchBucket: streams the buckets given (normally one) and completes. */
  public static void send(StreamObserver<BucketChunk> responses, Buckets buckets) {
    ServerCallStreamObserver<BucketChunk> out = (ServerCallStreamObserver<BucketChunk>) responses;
    ChunkWriter<BucketChunk> writer = writer(out, buckets);
    out.setOnReadyHandler(writer::onReady);
    writer.onReady();
  }

  /**
   * Client end of FetchBucket: {@code method} starts the call with the observer given; completes
   * with bucket {@code bucket}'s invitations.
   */
  public static CompletableFuture<byte[][]> fetch(Consumer<StreamObserver<BucketChunk>> method,
      long round, int bucket, int bucketCount, int itemSize, long maxItems) {
    BucketReceiver receiver = new BucketReceiver(round, itemSize, bucketCount, bucket, 1,
        maxItems);
    method.accept(receiver);
    return receiver.result().thenApply(b -> b.bucket(bucket));
  }

  static ChunkWriter<BucketChunk> writer(CallStreamObserver<BucketChunk> out,
      Buckets buckets) {
    return new ChunkWriter<>(out, buckets.itemSize(), buckets.buckets(),
        (segment, withHeader, items) -> {
          BucketChunk.Builder chunk = BucketChunk.newBuilder().setItems(items);
          if (withHeader) {
            chunk.setHeader(BucketHeader.newBuilder().setDialingRound(buckets.round())
                .setBucket(buckets.first() + segment)
                .setCount(buckets.buckets()[segment].length).setItemSize(buckets.itemSize())
                .setBucketCount(buckets.bucketCount()));
          }
          return chunk.build();
        });
  }
}
