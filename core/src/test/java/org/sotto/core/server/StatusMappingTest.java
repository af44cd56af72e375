package org.sotto.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.store.StorageException;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;

/** What a caller sees when a service throws, through a real (in-process) ManagedGrpcServer. */
class StatusMappingTest {

  private static Status statusWhenServiceThrows(Supplier<RuntimeException> thrown)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    MixNodeGrpc.MixNodeImplBase service = new MixNodeGrpc.MixNodeImplBase() {
      @Override
      public void closeRound(CloseRoundRequest request,
          StreamObserver<CloseRoundResponse> response) {
        throw thrown.get();
      }
    };
    try (ManagedGrpcServer server = ManagedGrpcServer.start("test",
        InProcessServerBuilder.forName(name), List.of(service),
        NodeMetrics.inProcess("test", "test"), null)) {
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        return catchThrowableOfType(StatusRuntimeException.class, () -> MixNodeGrpc
            .newBlockingStub(channel).closeRound(CloseRoundRequest.getDefaultInstance()))
            .getStatus();
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void aStatusThrownIsTheAnswer() throws Exception {
    Status s = statusWhenServiceThrows(() -> Status.FAILED_PRECONDITION
        .withDescription("round 7 is closed").asRuntimeException());
    assertThat(s.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(s.getDescription()).isEqualTo("round 7 is closed");
  }

  @Test
  void aDatabaseFailureOrABugShowsNoJavaInternals() throws Exception {
    Status storage = statusWhenServiceThrows(
        () -> new StorageException("disk I/O error", new java.io.IOException("ENOSPC")));
    assertThat(storage.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(storage.getDescription()).isEqualTo("the node's database failed; try again later");
    Status bug = statusWhenServiceThrows(() -> new NullPointerException("x.y() on null"));
    assertThat(bug.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(bug.getDescription()).doesNotContain("NullPointer").doesNotContain("java.")
        .isEqualTo("internal error; the node's log has the details");
  }

  /** Bytes that are no CloseRoundRequest: INVALID_ARGUMENT in words, and counted. */
  @Test
  void aMalformedRequestIsRefusedInWordsAndCounted() throws Exception {
    String name = InProcessServerBuilder.generateName();
    NodeMetrics metrics = NodeMetrics.inProcess("test", "test");
    try (ManagedGrpcServer server = ManagedGrpcServer.start("test",
        InProcessServerBuilder.forName(name), List.of(new MixNodeGrpc.MixNodeImplBase() {}),
        metrics, null)) {
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        io.grpc.MethodDescriptor<byte[], byte[]> raw = io.grpc.MethodDescriptor
            .<byte[], byte[]>newBuilder().setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MixNodeGrpc.getCloseRoundMethod().getFullMethodName())
            .setRequestMarshaller(RawBytes.INSTANCE).setResponseMarshaller(RawBytes.INSTANCE)
            .build();
        Status s = catchThrowableOfType(StatusRuntimeException.class,
            () -> io.grpc.stub.ClientCalls.blockingUnaryCall(channel, raw,
                io.grpc.CallOptions.DEFAULT, new byte[] {(byte) 0xff, (byte) 0xff, 0x07}))
            .getStatus();
        assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(s.getDescription()).contains("not a valid sotto.v1.MixNode/CloseRound");
        assertThat(metrics.registry().get("sotto.rpc.malformed")
            .tag("method", "sotto.v1.MixNode/CloseRound").counter().count()).isEqualTo(1);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  /** Sends and receives bytes as they are. */
  private enum RawBytes implements io.grpc.MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public java.io.InputStream stream(byte[] value) {
      return new java.io.ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(java.io.InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
