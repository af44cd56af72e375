package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.rpc.Channels;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixNodeGrpc;

/**
 * The next mix in the chain, over one mutual-TLS channel for every kind of round: each kind's
 * {@link NextHop} calls that kind's batch RPC there, with the hop's deadline, and names the mix in
 * a failure.
 */
final class NextMix implements AutoCloseable {
  private final String name;
  private final ManagedChannel channel;
  private final long timeoutMs;

  NextMix(String name, ManagedChannel channel, long timeoutMs) {
    this.name = name;
    this.channel = channel;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Conversation rounds: MixBatch, whose replies are checked for size and count.
   *
   * @param layersAfterNext the mixes after the next one
   */
  NextHop<Void, byte[][]> conversation(int layersAfterNext) {
    return (batch, none) -> named(BatchStreams.call(stub(MixNodeGrpc.newStub(channel))::mixBatch,
        batch, WireSizes.replySize(layersAfterNext + 1)).thenApply(Batch::items));
  }

  /**
   * Dialing rounds: MixDialingBatch, whose bucket stream comes back framing-checked and is relayed
   * upstream unchanged.
   */
  NextHop<DialingMixing.Settings, Buckets> dialing(long maxInvitations) {
    return (batch, settings) -> named(BucketStreams.call(
        stub(MixDialingGrpc.newStub(channel))::mixDialingBatch, batch, WireSizes.INVITATION,
        settings.buckets(), maxInvitations));
  }

  private <T extends io.grpc.stub.AbstractStub<T>> T stub(T stub) {
    return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private <R> CompletableFuture<R> named(CompletableFuture<R> call) {
    return call.exceptionally(e -> {
      throw NextHop.failed(name, e, true);
    });
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
