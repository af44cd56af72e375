package org.sotto.mixnode;

import io.grpc.stub.StreamObserver;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/** The MixNode gRPC service (mix.proto): conversation rounds, on the {@link MixEngine}. */
final class MixNodeService extends MixNodeGrpc.MixNodeImplBase {
  private final MixEngine<Void, byte[][], Batch> engine;
  private final int maxBatch;

  MixNodeService(MixEngine<Void, byte[][], Batch> engine, int maxBatch) {
    this.engine = engine;
    this.maxBatch = maxBatch;
  }

  @Override
  public void openRound(OpenRoundRequest request, StreamObserver<RoundKeyAnnouncement> response) {
    Unary.answer(response, () -> engine.open(request.getRound(), null,
        request.getDownstreamKeysList()));
  }

  @Override
  public StreamObserver<BatchChunk> mixBatch(StreamObserver<BatchChunk> responses) {
    return BatchStreams.serve(responses, engine.incomingItemSize(), maxBatch, engine.earlyPeel(),
        engine::mix);
  }

  @Override
  public void closeRound(CloseRoundRequest request, StreamObserver<CloseRoundResponse> response) {
    Unary.answer(response, () -> {
      engine.close(request.getRound(), request.getReason());
      return CloseRoundResponse.getDefaultInstance();
    });
  }
}
