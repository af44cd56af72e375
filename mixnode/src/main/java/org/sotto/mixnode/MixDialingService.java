package org.sotto.mixnode;

import io.grpc.stub.StreamObserver;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.proto.BatchChunk;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseDialingRoundResponse;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.RoundKeyAnnouncement;

/** The MixDialing gRPC service (dialing.proto): dialing rounds, on the {@link MixEngine}. */
final class MixDialingService extends MixDialingGrpc.MixDialingImplBase {
  private final MixEngine<DialingMixing.Settings, Buckets, Buckets> engine;
  private final int maxBatch;

  MixDialingService(MixEngine<DialingMixing.Settings, Buckets, Buckets> engine, int maxBatch) {
    this.engine = engine;
    this.maxBatch = maxBatch;
  }

  @Override
  public void openDialingRound(OpenDialingRoundRequest request,
      StreamObserver<RoundKeyAnnouncement> response) {
    Unary.answer(response, () -> engine.open(request.getDialingRound(),
        new DialingMixing.Settings(request.getBucketCount()), request.getDownstreamKeysList()));
  }

  @Override
  public StreamObserver<BatchChunk> mixDialingBatch(StreamObserver<BucketChunk> responses) {
    return BucketStreams.serve(responses, engine.incomingItemSize(), maxBatch,
        engine.earlyPeel(), engine::mix);
  }

  @Override
  public void closeDialingRound(CloseDialingRoundRequest request,
      StreamObserver<CloseDialingRoundResponse> response) {
    Unary.answer(response, () -> {
      engine.close(request.getDialingRound(), request.getReason());
      return CloseDialingRoundResponse.getDefaultInstance();
    });
  }
}
