package org.sotto.coordinator;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.rpc.Channels;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.AbortCause;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * The coordinator's side of the mix chain, over mutual TLS. gRPC channels reconnect on their own,
 * so a mix that comes back is used again from the next round on.
 */
final class Chain implements AutoCloseable {
  private final ClusterDescriptor descriptor;
  private final List<ManagedChannel> mixes;
  private final long timeoutMs;

  Chain(ClusterDescriptor descriptor, SslContext tls, long timeoutMs) {
    this.descriptor = descriptor;
    this.mixes = descriptor.mixes().stream().map(m -> Channels.open(m.address(), tls)).toList();
    this.timeoutMs = timeoutMs;
    mixes.forEach(channel -> channel.getState(true)); // connect now, not in the first round
  }

  /** A failure of one hop, with the cause clients are told. */
  static final class HopFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AbortCause cause;

    HopFailure(AbortCause cause, String message, Throwable error) {
      super(message, error);
      this.cause = cause;
    }
  }

  /**
   * Opens the round on every mix, last first, handing each the signed keys of the mixes after it
   * (which it needs to wrap its noise). Returns the keys in chain order.
   */
  List<MixRoundKey> openRound(long round) {
    List<MixRoundKey> downstream = new ArrayList<>();
    for (int i = mixes.size() - 1; i >= 0; i--) {
      RoundKeyAnnouncement a;
      try {
        a = MixNodeGrpc.newBlockingStub(mixes.get(i))
            .withDeadlineAfter(openTimeoutMs(), TimeUnit.MILLISECONDS)
            .openRound(OpenRoundRequest.newBuilder().setRound(round)
                .addAllDownstreamKeys(downstream).build());
      } catch (StatusRuntimeException e) {
        throw failure(i, "opening round " + round, e);
      }
      downstream.add(0, MixRoundKey.newBuilder().setPosition(a.getPosition())
          .setRoundPublicKey(a.getRoundPublicKey()).setSignature(a.getSignature()).build());
    }
    return Collections.unmodifiableList(downstream);
  }

  /**
   * The ticker waits for opening, so it should fit in a round interval; but never less than 2 s,
   * which leaves room for a TLS handshake to a mix that just came back.
   */
  private long openTimeoutMs() {
    return Math.min(timeoutMs, Math.max(2000, descriptor.roundIntervalMs() / 2));
  }

  /** Sends the round's onions into mix 1 and completes with one reply per onion. */
  CompletableFuture<byte[][]> mix(long round, byte[][] onions) {
    MixNodeGrpc.MixNodeStub stub = MixNodeGrpc.newStub(mixes.get(0))
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    int n = descriptor.chainLength();
    return BatchStreams.call(stub::mixBatch, new Batch(round, WireSizes.onionSize(n), onions),
            WireSizes.replySize(n))
        .thenApply(Batch::items)
        .exceptionally(e -> {
          Throwable cause = e instanceof java.util.concurrent.CompletionException
              ? e.getCause() : e;
          throw failure(0, "mixing round " + round, cause);
        });
  }

  /** Tells every mix to erase the round's key; best effort, nobody waits. */
  void closeRound(long round, String reason) {
    CloseRoundRequest request = CloseRoundRequest.newBuilder().setRound(round).setReason(reason)
        .build();
    for (ManagedChannel mix : mixes) {
      MixNodeGrpc.newStub(mix).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
          .closeRound(request, new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(org.sotto.proto.CloseRoundResponse value) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
    }
  }

  /** The channel to the mix at {@code position}; dialing rounds use the same connections. */
  ManagedChannel channel(int position) {
    return mixes.get(position);
  }

  /**
   * The failure of the mix at {@code position}, or of the node after it that failed, with the
   * abort cause its status maps to.
   */
  HopFailure failure(int position, String doing, Throwable error) {
    return FaultBlame.failure(descriptor, position, doing, error);
  }

  @Override
  public void close() {
    mixes.forEach(Channels::close);
  }
}
