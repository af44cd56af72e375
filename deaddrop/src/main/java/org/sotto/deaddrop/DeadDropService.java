package org.sotto.deaddrop;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.DeadDropShardGrpc;

/**
 * The DeadDropShard gRPC service: one exchange per batch and at most one per round
 * ({@link ExchangedRounds}), nothing kept after it but the round number.
 */
final class DeadDropService extends DeadDropShardGrpc.DeadDropShardImplBase {
  private final DeadDropCounters counters;
  private final Executor executor;
  private final int maxBatch;
  private final ExchangedRounds exchanged = new ExchangedRounds();

  DeadDropService(DeadDropCounters counters, Executor executor, int maxBatch) {
    this.counters = counters;
    this.executor = executor;
    this.maxBatch = maxBatch;
  }

  @Override
  public StreamObserver<BatchChunk> exchange(StreamObserver<BatchChunk> responses) {
    return BatchStreams.serve(responses, WireSizes.EXCHANGE_REQUEST, maxBatch,
        batch -> CompletableFuture.supplyAsync(() -> {
          exchanged.claim(batch.round());
          DeadDropExchange.Result result = DeadDropExchange.exchange(batch.items());
          counters.record(result.stats());
          return new Batch(batch.round(), WireSizes.EXCHANGE_REPLY, result.replies());
        }, executor));
  }
}
