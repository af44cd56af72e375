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
import org.sotto.coordinator.directory.RemoteAddress;
import org.sotto.proto.SubscribeRequest;
import org.sotto.proto.Welcome;

/**
 * The clients' endpoint: a long-lived stream of round events per client, and one onion submission
 * per client per conversation round, judged by the conversation {@link RoundDriver}. A refused
 * submission gets a status that says why; the stream stays up.
 */
final class ClientGatewayService extends ClientGatewayGrpc.ClientGatewayImplBase {
  private final ClusterDescriptor descriptor;
  private final SessionRegistry sessions;
  private final RoundDriver<?, ?> rounds;
  /** Null when the cluster has no session tickets: every session is anonymous. */
  private final SessionTicketCheck tickets;

  ClientGatewayService(ClusterDescriptor descriptor, SessionRegistry sessions,
      RoundDriver<?, ?> rounds, SessionTicketCheck tickets) {
    this.descriptor = descriptor;
    this.sessions = sessions;
    this.rounds = rounds;
    this.tickets = tickets;
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<RoundEvent> observer) {
    ServerCallStreamObserver<RoundEvent> stream = (ServerCallStreamObserver<RoundEvent>) observer;
    String unsupported = ClientVersions.problem(request.getClientVersion());
    if (unsupported != null) {
      stream.onError(Status.FAILED_PRECONDITION.withDescription(unsupported)
          .asRuntimeException());
      return;
    }
    ByteString ticket = null;
    if (request.hasTicket()) {
      String problem = tickets == null
          ? "this cluster issues no session tickets; connect without one"
          : tickets.problem(request.getTicket());
      if (problem != null) {
        sessions.countRefusal(SessionRegistry.Refusal.BAD_TICKET);
        stream.onError(Status.UNAUTHENTICATED.withDescription(problem).asRuntimeException());
        return;
      }
      ticket = request.getTicket().getSerial();
    }
    SubscriberSession session = new SubscriberSession(SessionId.random(), stream);
    String address = RemoteAddress.current();
    SessionRegistry.Refusal refusal = sessions.add(session, address, ticket);
    if (refusal != null) {
      stream.onError(Status.RESOURCE_EXHAUSTED.withDescription(switch (refusal) {
        case FULL -> "this coordinator serves its maximum of clients; try again later";
        case ANONYMOUS_FULL -> "this coordinator serves its maximum of sessions without a "
            + "ticket; sign in to an account (its client brings a ticket) or try again later";
        case ADDRESS_FULL -> "your address already has " + sessions.maxPerAddress()
            + " sessions without a ticket open here, the most one address may have; close one "
            + "first, or connect with an account's ticket";
        case BAD_TICKET -> throw new IllegalStateException("tickets are checked above");
      }).asRuntimeException());
      return;
    }
    stream.setOnCancelHandler(() -> sessions.remove(session.id()));
    int n = descriptor.chainLength();
    session.push(RoundEvent.newBuilder().setWelcome(Welcome.newBuilder()
        .setSessionId(session.id().bytes())
        .setSlotsPerRound(descriptor.slotsPerRound())
        .setChainLength(n)
        .setRoundIntervalMs((int) descriptor.roundIntervalMs())
        .setOnionSize(WireSizes.onionSize(n))
        .setReplySize(WireSizes.replySize(n))
        .setDialingRoundIntervalMs((int) descriptor.dialing().roundIntervalMs())
        .setServerVersion(ClientVersions.SERVER_VERSION)).build());
  }

  @Override
  public void submitOnions(SubmitOnionsRequest request,
      StreamObserver<SubmitOnionsResponse> response) {
    Status refusal = rounds.submit(new SessionId(request.getSessionId()), request.getRound(),
        request.getOnionsList());
    if (refusal != null) {
      response.onError(refusal.asRuntimeException());
      return;
    }
    response.onNext(SubmitOnionsResponse.newBuilder().setRound(request.getRound()).build());
    response.onCompleted();
  }
}
