package org.sotto.coordinator;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseDialingRoundResponse;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * The coordinator's side of the chain for dialing rounds (MixDialing), over the same mutual-TLS
 * connections as conversation rounds; failures map to abort causes the same way.
 */
final class DialingChain {
  private final ClusterDescriptor descriptor;
  private final Chain chain;
  private final long timeoutMs;
  private final long maxInvitations;

  DialingChain(ClusterDescriptor descriptor, Chain chain, long timeoutMs, long maxInvitations) {
    this.descriptor = descriptor;
    this.chain = chain;
    this.timeoutMs = timeoutMs;
    this.maxInvitations = maxInvitations;
  }

  /**
   * Opens the dialing round on every mix, last first, handing each the signed dialing keys of the
   * mixes after it. Returns the keys in chain order.
   *
   * @throws Chain.HopFailure naming the mix that failed
   */
  List<MixRoundKey> open(long round, int buckets) {
    List<MixRoundKey> downstream = new ArrayList<>();
    for (int i = descriptor.chainLength() - 1; i >= 0; i--) {
      RoundKeyAnnouncement a;
      try {
        a = MixDialingGrpc.newBlockingStub(chain.channel(i))
            .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
            .openDialingRound(OpenDialingRoundRequest.newBuilder().setDialingRound(round)
                .setBucketCount(buckets).addAllDownstreamKeys(downstream).build());
      } catch (StatusRuntimeException e) {
        throw chain.failure(i, "opening dialing round " + round, e);
      }
      downstream.add(0, MixRoundKey.newBuilder().setPosition(a.getPosition())
          .setRoundPublicKey(a.getRoundPublicKey()).setSignature(a.getSignature()).build());
    }
    return Collections.unmodifiableList(downstream);
  }

  /** Sends the dialing onions into mix 0 and completes with the round's buckets. */
  CompletableFuture<Buckets> mix(long round, byte[][] onions, int buckets) {
    MixDialingGrpc.MixDialingStub stub = MixDialingGrpc.newStub(chain.channel(0))
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    Batch batch = new Batch(round, WireSizes.dialingOnionSize(descriptor.chainLength()), onions);
    return BucketStreams.call(stub::mixDialingBatch, batch, WireSizes.INVITATION, buckets,
            maxInvitations)
        .exceptionally(e -> {
          Throwable cause = e instanceof java.util.concurrent.CompletionException
              ? e.getCause() : e;
          throw chain.failure(0, "mixing dialing round " + round, cause);
        });
  }

  /** Tells every mix to erase the dialing round's key; best effort, nobody waits. */
  void close(long round, String reason) {
    CloseDialingRoundRequest request = CloseDialingRoundRequest.newBuilder()
        .setDialingRound(round).setReason(reason).build();
    for (int i = 0; i < descriptor.chainLength(); i++) {
      MixDialingGrpc.newStub(chain.channel(i))
          .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
          .closeDialingRound(request, new StreamObserver<CloseDialingRoundResponse>() {
            @Override
            public void onNext(CloseDialingRoundResponse value) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
    }
  }
}
