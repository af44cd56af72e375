package org.sotto.coordinator;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import org.sotto.coordinator.directory.RemoteAddress;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.FetchBucketRequest;
import org.sotto.proto.SubmitInvitationRequest;
import org.sotto.proto.SubmitInvitationResponse;

/**
 * The clients' dialing endpoint (dialing.proto): one dialing onion per session per dialing round,
 * judged by the dialing {@link RoundDriver}, and bucket downloads from the {@link BucketStore}.
 * A refused submission gets a status that says why; the session's stream stays up.
 */
final class DialingGatewayService extends DialingGatewayGrpc.DialingGatewayImplBase {
  private final RoundDriver<?, ?> dialing;
  private final BucketStore store;
  private final BucketFetchLimit fetchLimit;

  DialingGatewayService(RoundDriver<?, ?> dialing, BucketStore store,
      BucketFetchLimit fetchLimit) {
    this.dialing = dialing;
    this.store = store;
    this.fetchLimit = fetchLimit;
  }

  @Override
  public void submitInvitation(SubmitInvitationRequest request,
      StreamObserver<SubmitInvitationResponse> response) {
    Status refusal = dialing.submit(new SessionId(request.getSessionId()),
        request.getDialingRound(), List.of(request.getOnion()));
    if (refusal != null) {
      response.onError(refusal.asRuntimeException());
      return;
    }
    response.onNext(SubmitInvitationResponse.newBuilder()
        .setDialingRound(request.getDialingRound()).build());
    response.onCompleted();
  }

  @Override
  public void fetchBucket(FetchBucketRequest request, StreamObserver<BucketChunk> response) {
    long round = request.getDialingRound();
    if (!fetchLimit.tryFetch(RemoteAddress.current(), round)) {
      response.onError(Status.RESOURCE_EXHAUSTED.withDescription("your address has fetched "
          + fetchLimit.perAddressAndRound() + " buckets of dialing round "
          + Long.toUnsignedString(round) + " already, the most one address may")
          .asRuntimeException());
      return;
    }
    Optional<Buckets> found = store.get(round);
    if (found.isEmpty()) {
      String name = "dialing round " + Long.toUnsignedString(round); // u64 on the wire
      response.onError((dialing.pending(round)
          ? Status.FAILED_PRECONDITION.withDescription(name
              + " has not finished mixing; fetch after its DialingBucketsReady event")
          : Status.NOT_FOUND.withDescription(name
              + " is unknown, was aborted, or its buckets have expired")).asRuntimeException());
      return;
    }
    Buckets buckets = found.get();
    int bucket = request.getBucket();
    if (bucket < 0 || bucket >= buckets.bucketCount()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("dialing round "
          + Long.toUnsignedString(round)
          + " has " + buckets.bucketCount() + " buckets; bucket " + Integer.toUnsignedString(
              bucket) + " does not exist").asRuntimeException());
      return;
    }
    BucketStreams.send(response, new Buckets(round, buckets.itemSize(), buckets.bucketCount(),
        bucket, new byte[][][] {buckets.bucket(bucket)}));
  }
}
