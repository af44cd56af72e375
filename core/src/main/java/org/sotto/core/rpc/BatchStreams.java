package org.sotto.core.rpc;

import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.sotto.proto.BatchChunk;

/**
 * The two ends of Sotto's batch RPCs ({@code MixNode.MixBatch}, {@code DeadDropShard.Exchange}):
 * a batch streams up in chunks, the server answers with one reply per item, same order, streamed
 * back the same way. One implementation for every hop; {@link BucketStreams} reuses it for the
 * dialing RPCs, whose answers are buckets.
 */
public final class BatchStreams {
  private BatchStreams() {}

  /**
   * Client end: streams {@code request} through {@code method} (e.g. {@code stub::mixBatch}) and
   * completes with the replies, which must number as many as the request's items.
   */
  public static CompletableFuture<Batch> call(
      Function<StreamObserver<BatchChunk>, StreamObserver<BatchChunk>> method, Batch request,
      int replyItemSize) {
    BatchReceiver receiver = new BatchReceiver(replyItemSize, request.items().length);
    start(method, request, receiver);
    return receiver.result().thenApply(replies -> {
      if (replies.items().length != request.items().length) {
        throw Status.DATA_LOSS.withDescription("sent " + request.items().length
            + " items, got " + replies.items().length + " replies").asRuntimeException();
      }
      return replies;
    });
  }

  /**
   * Sees a batch while it streams in, so a server can start on the first items before the last
   * have arrived. Called in order, one chunk at a time, only for chunks that passed the checks;
   * the batch may still fail later (short count, a bad chunk), in which case the handler never
   * runs.
   */
  public interface ChunkListener {
    /** The header arrived: {@code count} items of round {@code round} will follow. */
    void onHeader(long round, int count);

    /** Items {@code [first, first + n)} of the batch have arrived, in {@code items}. */
    void onItems(byte[][] items, int first, int n);
  }

  /** {@link #serve(StreamObserver, int, int, ChunkListener, Function)} without a listener. */
  public static StreamObserver<BatchChunk> serve(StreamObserver<BatchChunk> responses,
      int requestItemSize, int maxItems, Function<Batch, CompletableFuture<Batch>> handler) {
    return serve(responses, requestItemSize, maxItems, null, handler);
  }

  /**
   * Server end: returns the request observer for a batch RPC. {@code handler} gets the received
   * batch and returns the replies (asynchronously); they are streamed back with flow control.
   * A handler failure ends the call with its status.
   */
  public static StreamObserver<BatchChunk> serve(StreamObserver<BatchChunk> responses,
      int requestItemSize, int maxItems, ChunkListener listener,
      Function<Batch, CompletableFuture<Batch>> handler) {
    return serve(responses, requestItemSize, maxItems, listener, handler, ChunkWriter::forBatch);
  }

  /** Streams {@code request} up through {@code method}; what comes back goes to {@code replies}. */
  static <R> void start(Function<StreamObserver<R>, StreamObserver<BatchChunk>> method,
      Batch request, StreamObserver<R> replies) {
    ClientResponseObserver<BatchChunk, R> observer = new ClientResponseObserver<>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<BatchChunk> requestStream) {
        ChunkWriter<BatchChunk> writer = ChunkWriter.forBatch(requestStream, request);
        requestStream.setOnReadyHandler(writer::onReady);
      }

      @Override
      public void onNext(R chunk) {
        replies.onNext(chunk);
      }

      @Override
      public void onError(Throwable t) {
        replies.onError(t);
      }

      @Override
      public void onCompleted() {
        replies.onCompleted();
      }
    };
    method.apply(observer);
  }

  /**
   * Server end of any RPC that takes a batch: receives and checks it, hands it to
   * {@code handler}, and streams the handler's answer back with the writer {@code writerFor}
   * makes, paced by flow control. A handler failure ends the call with its status.
   */
  static <R, A> StreamObserver<BatchChunk> serve(StreamObserver<R> responses,
      int requestItemSize, int maxItems, ChunkListener listener,
      Function<Batch, CompletableFuture<A>> handler,
      BiFunction<CallStreamObserver<R>, A, ChunkWriter<R>> writerFor) {
    ServerCallStreamObserver<R> out = (ServerCallStreamObserver<R>) responses;
    AtomicReference<ChunkWriter<R>> writer = new AtomicReference<>();
    out.setOnReadyHandler(() -> {
      ChunkWriter<R> w = writer.get();
      if (w != null) {
        w.onReady();
      }
    });
    BatchReceiver receiver = new BatchReceiver(requestItemSize, maxItems, listener);
    receiver.result().thenCompose(handler).whenComplete((answer, error) -> {
      if (error != null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException
            ? error.getCause() : error;
        if (!out.isCancelled()) {
          // The trailers go along: they may name the node downstream that failed (FailedNode).
          out.onError(Status.fromThrowable(cause)
              .asRuntimeException(Status.trailersFromThrowable(cause)));
        }
        return;
      }
      ChunkWriter<R> w = writerFor.apply(out, answer);
      writer.set(w);
      w.onReady();
    });
    return receiver;
  }
}
