package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.rpc.Channels;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixNodeGrpc;

/** Forwards to the next mix in the chain over mutual TLS. */
final class NextMix implements NextHop {
  private final ManagedChannel channel;
  private final int layersAfterNext;
  private final long timeoutMs;

  private final String name;

  NextMix(String name, ManagedChannel channel, int layersAfterNext, long timeoutMs) {
    this.name = name;
    this.channel = channel;
    this.layersAfterNext = layersAfterNext;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public CompletableFuture<byte[][]> forward(Batch batch) {
    MixNodeGrpc.MixNodeStub stub = MixNodeGrpc.newStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    return BatchStreams.call(stub::mixBatch, batch, WireSizes.replySize(layersAfterNext + 1))
        .thenApply(Batch::items)
        .exceptionally(e -> {
          throw NextHop.failed(name, e, true);
        });
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
