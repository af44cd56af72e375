package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubmitOnionsResponse;
import org.sotto.proto.SubscribeRequest;
import org.sotto.proto.Welcome;

/**
 * The clients' endpoint: a long-lived stream of round events per client, and one onion submission
 * per client per round. A rejected submission gets a status that says why; the stream stays up.
 */
final class ClientGatewayService extends ClientGatewayGrpc.ClientGatewayImplBase {
  private final ClusterDescriptor descriptor;
  private final SessionRegistry sessions;
  private final RoundDriver rounds;
  private final CoordinatorCounters counters;
  private final int onionSize;

  ClientGatewayService(ClusterDescriptor descriptor, SessionRegistry sessions, RoundDriver rounds,
      CoordinatorCounters counters) {
    this.descriptor = descriptor;
    this.sessions = sessions;
    this.rounds = rounds;
    this.counters = counters;
    this.onionSize = WireSizes.onionSize(descriptor.chainLength());
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<RoundEvent> observer) {
    ServerCallStreamObserver<RoundEvent> stream = (ServerCallStreamObserver<RoundEvent>) observer;
    ClientSession session = new ClientSession(SessionId.random(), stream);
    if (!sessions.add(session)) {
      stream.onError(Status.RESOURCE_EXHAUSTED
          .withDescription("this coordinator serves its maximum of clients; try again later")
          .asRuntimeException());
      return;
    }
    stream.setOnCancelHandler(() -> sessions.remove(session.id()));
    session.push(RoundEvent.newBuilder().setWelcome(Welcome.newBuilder()
        .setSessionId(session.id().bytes())
        .setSlotsPerRound(descriptor.slotsPerRound())
        .setChainLength(descriptor.chainLength())
        .setRoundIntervalMs((int) descriptor.roundIntervalMs())
        .setDialingRoundIntervalMs((int) descriptor.dialing().roundIntervalMs())).build());
  }

  @Override
  public void submitOnions(SubmitOnionsRequest request,
      StreamObserver<SubmitOnionsResponse> response) {
    Status rejection = check(request);
    if (rejection != null) {
      counters.reject(rejection.getCode());
      response.onError(rejection.asRuntimeException());
      return;
    }
    response.onNext(SubmitOnionsResponse.newBuilder().setRound(request.getRound()).build());
    response.onCompleted();
  }

  /** Returns why the submission is refused, or null once it has been accepted. */
  private Status check(SubmitOnionsRequest request) {
    SessionId id = new SessionId(request.getSessionId());
    if (sessions.get(id) == null) {
      return Status.UNAUTHENTICATED.withDescription(
          "unknown session; subscribe first and use the session id from the Welcome event");
    }
    if (request.getOnionsCount() != descriptor.slotsPerRound()) {
      return Status.INVALID_ARGUMENT.withDescription("send exactly "
          + descriptor.slotsPerRound() + " onions per round, not " + request.getOnionsCount());
    }
    for (ByteString onion : request.getOnionsList()) {
      if (onion.size() != onionSize) {
        return Status.INVALID_ARGUMENT.withDescription(
            "every onion is " + onionSize + " bytes for this chain, one was " + onion.size());
      }
    }
    RoundCollection open = rounds.collecting();
    if (open == null || request.getRound() != open.round()) {
      String now = open == null ? "no round is collecting" : "round " + open.round()
          + " is collecting";
      boolean early = open != null && request.getRound() > open.round();
      return Status.FAILED_PRECONDITION.withDescription((early ? "too early" : "too late")
          + " for round " + request.getRound() + ": " + now);
    }
    return switch (open.submit(id, request.getOnionsList())) {
      case ACCEPTED -> null;
      case DUPLICATE -> Status.ALREADY_EXISTS.withDescription(
          "this session already submitted for round " + request.getRound());
      case CLOSED -> Status.FAILED_PRECONDITION.withDescription(
          "too late for round " + request.getRound() + ": its window just closed");
    };
  }
}
