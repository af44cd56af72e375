package org.sotto.coordinator;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.FetchBucketRequest;
import org.sotto.proto.SubmitInvitationRequest;
import org.sotto.proto.SubmitInvitationResponse;

/**
 * The clients' dialing endpoint (dialing.proto): one dialing onion per session per dialing round,
 * and bucket downloads. A refused submission gets a status that says why; the session's stream
 * stays up.
 */
final class DialingGatewayService extends DialingGatewayGrpc.DialingGatewayImplBase {
  private final SessionRegistry sessions;
  private final DialingDriver dialing;
  private final BucketStore store;
  private final CoordinatorCounters counters;
  private final int onionSize;

  DialingGatewayService(ClusterDescriptor descriptor, SessionRegistry sessions,
      DialingDriver dialing, BucketStore store, CoordinatorCounters counters) {
    this.sessions = sessions;
    this.dialing = dialing;
    this.store = store;
    this.counters = counters;
    this.onionSize = WireSizes.dialingOnionSize(descriptor.chainLength());
  }

  @Override
  public void submitInvitation(SubmitInvitationRequest request,
      StreamObserver<SubmitInvitationResponse> response) {
    Status rejection = check(request);
    if (rejection != null) {
      counters.reject(rejection.getCode());
      response.onError(rejection.asRuntimeException());
      return;
    }
    response.onNext(SubmitInvitationResponse.newBuilder()
        .setDialingRound(request.getDialingRound()).build());
    response.onCompleted();
  }

  /** Returns why the submission is refused, or null once it has been accepted. */
  private Status check(SubmitInvitationRequest request) {
    SessionId id = new SessionId(request.getSessionId());
    if (sessions.get(id) == null) {
      return Status.UNAUTHENTICATED.withDescription(
          "unknown session; subscribe first and use the session id from the Welcome event");
    }
    if (request.getOnion().size() != onionSize) {
      return Status.INVALID_ARGUMENT.withDescription("a dialing onion is " + onionSize
          + " bytes for this chain, not " + request.getOnion().size());
    }
    DialingDriver.Collecting open = dialing.collecting();
    long round = request.getDialingRound();
    if (open == null || round != open.collection().round()) {
      String now = open == null ? "no dialing round is collecting"
          : "dialing round " + open.collection().round() + " is collecting";
      boolean early = open != null && round > open.collection().round();
      return Status.FAILED_PRECONDITION.withDescription((early ? "too early" : "too late")
          + " for dialing round " + round + ": " + now);
    }
    return switch (open.collection().submit(id, List.of(request.getOnion()))) {
      case ACCEPTED -> null;
      case DUPLICATE -> Status.ALREADY_EXISTS.withDescription(
          "this session already submitted for dialing round " + round);
      case CLOSED -> Status.FAILED_PRECONDITION.withDescription(
          "too late for dialing round " + round + ": its window just closed");
    };
  }

  @Override
  public void fetchBucket(FetchBucketRequest request, StreamObserver<BucketChunk> response) {
    long round = request.getDialingRound();
    Optional<Buckets> found = store.get(round);
    if (found.isEmpty()) {
      response.onError((dialing.pending(round)
          ? Status.FAILED_PRECONDITION.withDescription("dialing round " + round
              + " has not finished mixing; fetch after its DialingBucketsReady event")
          : Status.NOT_FOUND.withDescription("dialing round " + round
              + " is unknown, was aborted, or its buckets have expired")).asRuntimeException());
      return;
    }
    Buckets buckets = found.get();
    int bucket = request.getBucket();
    if (bucket < 0 || bucket >= buckets.bucketCount()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("dialing round " + round
          + " has " + buckets.bucketCount() + " buckets; bucket " + Integer.toUnsignedString(
              bucket) + " does not exist").asRuntimeException());
      return;
    }
    BucketStreams.send(response, new Buckets(round, buckets.itemSize(), buckets.bucketCount(),
        bucket, new byte[][][] {buckets.bucket(bucket)}));
  }
}
