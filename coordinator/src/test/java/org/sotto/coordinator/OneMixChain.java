package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * A chain of one in-process mix that answers like a real one on the wire: OpenRound announces a
 * key (after a hold the test controls, to play a slow chain), MixBatch answers one reply per
 * onion, CloseRound is remembered. It does no cryptography: the coordinator never looks inside.
 */
final class OneMixChain implements AutoCloseable {
  static final ClusterDescriptor DESCRIPTOR = descriptor(2000);

  /** A one-mix cluster whose rounds start every {@code intervalMs}, one slot per client. */
  static ClusterDescriptor descriptor(long intervalMs) {
    return new ClusterDescriptor("test", new HostPort("localhost", 1),
        List.of(new ClusterDescriptor.MixEntry("mix-1", new HostPort("localhost", 2), "04")),
        List.of(), "", intervalMs, 1, null);
  }

  final List<Long> opened = new CopyOnWriteArrayList<>();
  final List<Long> closed = new CopyOnWriteArrayList<>();
  private final Map<Long, CountDownLatch> holds = new ConcurrentHashMap<>();
  /** How long every OpenRound takes, to play a slow chain. */
  volatile long openDelayMs;
  /** OpenRound fails at once, as a mix that is down does. */
  volatile boolean refuseOpens;
  private final Server server;
  final ManagedChannel channel;

  OneMixChain() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new Mix()).build()
        .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  Chain chain() {
    return new Chain(DESCRIPTOR, List.of(channel));
  }

  /** OpenRound for {@code round} waits until the returned latch is counted down. */
  CountDownLatch hold(long round) {
    return holds.computeIfAbsent(round, r -> new CountDownLatch(1));
  }

  private final class Mix extends MixNodeGrpc.MixNodeImplBase {
    @Override
    public void openRound(OpenRoundRequest request,
        StreamObserver<RoundKeyAnnouncement> response) {
      if (refuseOpens) {
        response.onError(io.grpc.Status.UNAVAILABLE.withDescription("connection refused")
            .asRuntimeException());
        return;
      }
      CountDownLatch hold = holds.get(request.getRound());
      try {
        Thread.sleep(openDelayMs);
        if (hold != null && !hold.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released round " + request.getRound());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      opened.add(request.getRound());
      response.onNext(RoundKeyAnnouncement.newBuilder().setRound(request.getRound())
          .setPosition(0).setRoundPublicKey(ByteString.copyFrom(new byte[32]))
          .setSignature(ByteString.copyFrom(new byte[64])).build());
      response.onCompleted();
    }

    @Override
    public StreamObserver<BatchChunk> mixBatch(StreamObserver<BatchChunk> responses) {
      return BatchStreams.serve(responses, WireSizes.onionSize(1), 1_000, batch -> {
        byte[][] replies = new byte[batch.items().length][WireSizes.replySize(1)];
        return CompletableFuture.completedFuture(new Batch(batch.round(), WireSizes.replySize(1),
            replies));
      });
    }

    @Override
    public void closeRound(CloseRoundRequest request,
        StreamObserver<CloseRoundResponse> response) {
      closed.add(request.getRound());
      response.onNext(CloseRoundResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
