package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.rpc.Channels;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixDialingGrpc;

/**
 * A dialing round's next hop for every mix but the last: the next mix's MixDialingBatch, whose
 * bucket stream comes back framing-checked and is relayed upstream unchanged.
 */
final class NextDialingMix implements AutoCloseable {
  private final String name;
  private final ManagedChannel channel;
  private final long timeoutMs;
  private final long maxInvitations;

  NextDialingMix(String name, ManagedChannel channel, long timeoutMs, long maxInvitations) {
    this.name = name;
    this.channel = channel;
    this.timeoutMs = timeoutMs;
    this.maxInvitations = maxInvitations;
  }

  CompletableFuture<Buckets> forward(Batch batch, int bucketCount) {
    MixDialingGrpc.MixDialingStub stub = MixDialingGrpc.newStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    return BucketStreams.call(stub::mixDialingBatch, batch, WireSizes.INVITATION, bucketCount,
            maxInvitations)
        .exceptionally(e -> {
          throw NextHop.failed(name, e, true);
        });
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
