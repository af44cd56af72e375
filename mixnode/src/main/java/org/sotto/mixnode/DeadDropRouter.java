package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.DeadDropRouting;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.rpc.Channels;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.DeadDropShardGrpc;

/**
 * The last hop of a conversation round: splits the exchange requests by the shard that owns each
 * dead-drop ID, exchanges with every shard in parallel, and puts the answers back in the batch's
 * order.
 */
final class DeadDropRouter implements NextHop<Void, byte[][]>, AutoCloseable {
  private final List<ManagedChannel> shards;
  private final long timeoutMs;

  private final List<String> names;

  DeadDropRouter(List<String> names, List<ManagedChannel> shards, long timeoutMs) {
    this.names = List.copyOf(names);
    this.shards = List.copyOf(shards);
    this.timeoutMs = timeoutMs;
  }

  @Override
  public CompletableFuture<byte[][]> forward(Batch batch, Void none) {
    int n = shards.size();
    List<List<Integer>> positions = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      positions.add(new ArrayList<>());
    }
    byte[][] items = batch.items();
    for (int i = 0; i < items.length; i++) {
      positions.get(DeadDropRouting.shardOf(items[i], 0, n)).add(i);
    }
    byte[][] replies = new byte[items.length][];
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      List<Integer> mine = positions.get(s);
      byte[][] part = new byte[mine.size()][];
      for (int j = 0; j < part.length; j++) {
        part[j] = items[mine.get(j)];
      }
      String name = names.get(s);
      DeadDropShardGrpc.DeadDropShardStub stub = DeadDropShardGrpc.newStub(shards.get(s))
          .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
      calls.add(BatchStreams.call(stub::exchange,
          new Batch(batch.round(), WireSizes.EXCHANGE_REQUEST, part), WireSizes.EXCHANGE_REPLY)
          .thenAccept(answers -> {
            for (int j = 0; j < part.length; j++) {
              replies[mine.get(j)] = answers.items()[j];
            }
          })
          .exceptionally(e -> {
            throw NextHop.failed(name, e, false);
          }));
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> replies);
  }

  @Override
  public void close() {
    shards.forEach(Channels::close);
  }
}
