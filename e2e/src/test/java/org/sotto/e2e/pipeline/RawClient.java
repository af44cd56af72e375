package org.sotto.e2e.pipeline;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundSettings;
import org.sotto.proto.SubmitInvitationRequest;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubscribeRequest;

/** A client at the gRPC level, for tests that send what a well-behaved client never would. */
final class RawClient implements AutoCloseable {
  final ManagedChannel channel;
  final BlockingQueue<RoundEvent> events = new LinkedBlockingQueue<>();
  final ByteString session;

  RawClient(ClusterDescriptor descriptor) throws InterruptedException {
    channel = Channels.open(descriptor.coordinator(),
        TlsContexts.pinned(descriptor.caCertificate()));
    ClientGatewayGrpc.newStub(channel).subscribe(
        SubscribeRequest.newBuilder().setClientVersion("raw-test-client/3").build(),
        new StreamObserver<>() {
          @Override
          public void onNext(RoundEvent e) {
            events.add(e);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    RoundEvent first = events.poll(10, TimeUnit.SECONDS);
    if (first == null || !first.hasWelcome()) {
      throw new IllegalStateException("no welcome: " + first);
    }
    session = first.getWelcome().getSessionId();
  }

  /** The next round's settings pushed on this client's stream. */
  RoundSettings nextSettings() throws InterruptedException {
    while (true) {
      RoundEvent e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new IllegalStateException("no round settings within 20 s");
      }
      if (e.hasSettings()) {
        return e.getSettings();
      }
    }
  }

  /** The next dialing round's settings pushed on this client's stream. */
  DialingRoundSettings nextDialingSettings() throws InterruptedException {
    while (true) {
      RoundEvent e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new IllegalStateException("no dialing round settings within 20 s");
      }
      if (e.hasDialing()) {
        return e.getDialing();
      }
    }
  }

  /** Waits for {@code dialingRound}'s buckets to be ready (or for its abort). */
  RoundEvent dialingOutcomeOf(long dialingRound) throws InterruptedException {
    while (true) {
      RoundEvent e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new IllegalStateException("no outcome for dialing round " + dialingRound);
      }
      if (e.hasDialingReady() && e.getDialingReady().getDialingRound() == dialingRound
          || e.hasDialingAborted() && e.getDialingAborted().getDialingRound() == dialingRound) {
        return e;
      }
    }
  }

  void submitInvitation(long dialingRound, byte[] onion) {
    DialingGatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .submitInvitation(SubmitInvitationRequest.newBuilder().setSessionId(session)
            .setDialingRound(dialingRound).setOnion(ByteString.copyFrom(onion)).build());
  }

  /** Waits for this client's replies (or abort) for {@code round}. */
  RoundEvent outcomeOf(long round) throws InterruptedException {
    while (true) {
      RoundEvent e = events.poll(20, TimeUnit.SECONDS);
      if (e == null) {
        throw new IllegalStateException("no outcome for round " + round);
      }
      if (e.hasReplies() && e.getReplies().getRound() == round
          || e.hasAborted() && e.getAborted().getRound() == round) {
        return e;
      }
    }
  }

  void submit(long round, List<byte[]> onions) {
    SubmitOnionsRequest.Builder b = SubmitOnionsRequest.newBuilder().setSessionId(session)
        .setRound(round);
    onions.forEach(o -> b.addOnions(ByteString.copyFrom(o)));
    ClientGatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .submitOnions(b.build());
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
