package org.sotto.mixnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sotto.mixnode.TestChain.refusal;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * The MixNode and MixDialing gRPC services of a one-mix chain, served in-process by the same
 * {@link ManagedGrpcServer} a node runs: the calls of a round's life and the statuses the protocol
 * promises (mix.proto, dialing.proto) for what a mix must refuse.
 */
class MixServicesTest {
  private static final long ROUND = 5;
  private final SecureRandom random = new SecureRandom();
  private final TestChain chain = new TestChain(1, 0);
  private ManagedGrpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    // the dead drops, played by the test: each request's answer is its first reply-size bytes
    NextHop<Void, byte[][]> deadDrops = (batch, none) -> CompletableFuture.completedFuture(
        Arrays.stream(batch.items()).map(r -> Arrays.copyOf(r, WireSizes.EXCHANGE_REPLY))
            .toArray(byte[][]::new));
    server = ManagedGrpcServer.start("mix under test", InProcessServerBuilder.forName(name),
        List.of(new MixNodeService(chain.conversation(0, deadDrops), 100),
            new MixDialingService(chain.dialing(0, new BucketSort(new DialingCounters()),
                new DialingCounters()), 100)),
        NodeMetrics.inProcess("mixnode", "test"), null);
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.close();
    chain.close();
  }

  @Test
  void aConversationRoundOpensMixesOnceAndIsNeverReopenedOnceClosed() throws Exception {
    MixNodeGrpc.MixNodeBlockingStub mix = MixNodeGrpc.newBlockingStub(channel);
    RoundKeyAnnouncement key = mix.openRound(OpenRoundRequest.newBuilder().setRound(ROUND).build());
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);
    WrappedOnion onion = new OnionWrapper(chain.x25519).wrap(ROUND,
        List.of(key.getRoundPublicKey().toByteArray()), request, random);
    Batch batch = new Batch(ROUND, WireSizes.onionSize(1), new byte[][] {onion.onion()});

    Batch replies = BatchStreams.call(MixNodeGrpc.newStub(channel)::mixBatch, batch,
        WireSizes.replySize(1)).join();
    assertThat(onion.openReply(replies.items()[0]))
        .isEqualTo(Arrays.copyOf(request, WireSizes.EXCHANGE_REPLY));
    assertThat(refusal(BatchStreams.call(MixNodeGrpc.newStub(channel)::mixBatch, batch,
        WireSizes.replySize(1)))).isEqualTo(Status.Code.FAILED_PRECONDITION);

    mix.closeRound(CloseRoundRequest.newBuilder().setRound(ROUND).setReason("done").build());
    assertThatThrownBy(() -> mix.openRound(OpenRoundRequest.newBuilder().setRound(ROUND).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
  }

  @Test
  void aBatchOfTheWrongItemSizeIsRefusedBeforeAnyPeel() {
    MixNodeGrpc.newBlockingStub(channel).openRound(
        OpenRoundRequest.newBuilder().setRound(ROUND).build());
    Batch wrongSize = new Batch(ROUND, WireSizes.onionSize(2), new byte[][] {
        new byte[WireSizes.onionSize(2)]});
    assertThat(refusal(BatchStreams.call(MixNodeGrpc.newStub(channel)::mixBatch, wrongSize,
        WireSizes.replySize(1)))).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void aDialingRoundSortsIntoItsBucketsAndRefusesWhatTheProtocolRefuses() throws Exception {
    MixDialingGrpc.MixDialingBlockingStub mix = MixDialingGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> mix.openDialingRound(OpenDialingRoundRequest.newBuilder()
        .setDialingRound(ROUND).setBucketCount(0).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    RoundKeyAnnouncement key = mix.openDialingRound(OpenDialingRoundRequest.newBuilder()
        .setDialingRound(ROUND).setBucketCount(2).build());
    assertThatThrownBy(() -> mix.openDialingRound(OpenDialingRoundRequest.newBuilder()
        .setDialingRound(ROUND).setBucketCount(3).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));

    byte[] invitation = new byte[WireSizes.INVITATION];
    random.nextBytes(invitation);
    byte[] onion = new OnionWrapper(chain.x25519, RoundKind.DIALING).wrap(ROUND,
        List.of(key.getRoundPublicKey().toByteArray()),
        new DialingRequest(1, invitation).encode(), random).onion();
    Batch batch = new Batch(ROUND, WireSizes.dialingOnionSize(1), new byte[][] {onion});
    Buckets buckets = BucketStreams.call(MixDialingGrpc.newStub(channel)::mixDialingBatch, batch,
        WireSizes.INVITATION, 2, 100).join();
    assertThat(buckets.bucket(0).length).isZero();
    assertThat(buckets.bucket(1).length).isEqualTo(1);
    assertThat(buckets.bucket(1)[0]).isEqualTo(invitation);

    mix.closeDialingRound(CloseDialingRoundRequest.newBuilder().setDialingRound(ROUND).build());
    assertThatThrownBy(() -> mix.openDialingRound(OpenDialingRoundRequest.newBuilder()
        .setDialingRound(ROUND).setBucketCount(2).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
            e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
  }

  @Test
  void theServerSaysServingUntilItStops() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(server.port()).as("in-process: no socket").isEqualTo(-1);
  }
}
