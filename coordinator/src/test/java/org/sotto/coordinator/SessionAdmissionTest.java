package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.ticket.BlindedTicket;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SessionTicket;
import org.sotto.proto.SubscribeRequest;

/**
 * Who the coordinator admits (docs/protocol.md §17), on an in-process gateway with a real ticket
 * key and a fake clock: sessions with a valid ticket beside a bounded anonymous share, and every
 * kind of bad ticket refused, counted, in words.
 */
class SessionAdmissionTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TicketIssuerKey ISSUER = TicketIssuerKey.generate(RANDOM);
  private static final long EPOCH_SECONDS = 3600;
  private static final long EPOCH = 490_000;
  private static final SessionTicketSettings TICKETS = new SessionTicketSettings(
      ISSUER.publicKey().hex(), EPOCH_SECONDS, 8);
  private static final int ANONYMOUS = 2;

  private final FakeClock clock = new FakeClock(EPOCH * EPOCH_SECONDS * 1000 + 1_800_000);
  private SessionRegistry sessions;
  private Server gateway;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    ClusterDescriptor d = OneMixChain.DESCRIPTOR;
    ClusterDescriptor withTickets = new ClusterDescriptor(d.name(), d.coordinator(), d.mixes(),
        d.deadDrops(), d.caCertificate(), d.roundIntervalMs(), d.slotsPerRound(), d.noise(),
        d.dialing(), TICKETS);
    sessions = new SessionRegistry(100, ANONYMOUS, 100);
    String name = InProcessServerBuilder.generateName();
    gateway = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new ClientGatewayService(withTickets, sessions, null,
            new SessionTicketCheck(TICKETS, clock)))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    gateway.shutdownNow();
  }

  @Test
  void ticketsGetInWhenTheAnonymousShareIsFull() throws Exception {
    for (int i = 0; i < ANONYMOUS; i++) {
      assertThat(subscribe(null).outcome()).isEqualTo(Status.Code.OK);
    }
    Stream refused = subscribe(null);
    assertThat(refused.outcome()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.description()).contains("without a ticket");
    assertThat(sessions.refused(SessionRegistry.Refusal.ANONYMOUS_FULL)).isEqualTo(1);

    assertThat(subscribe(ticket(EPOCH)).outcome()).isEqualTo(Status.Code.OK);
    assertThat(subscribe(ticket(EPOCH)).outcome()).isEqualTo(Status.Code.OK);
    assertThat(sessions.size()).isEqualTo(ANONYMOUS + 2);
    assertThat(sessions.ticketed()).isEqualTo(2);
  }

  @Test
  void oneTicketHoldsOneSessionAndTheNewerOneStays() throws Exception {
    SessionTicket ticket = ticket(EPOCH);
    Stream first = subscribe(ticket);
    assertThat(first.outcome()).isEqualTo(Status.Code.OK);
    Stream second = subscribe(ticket);
    assertThat(second.outcome()).isEqualTo(Status.Code.OK);
    assertThat(first.ended.get(5, TimeUnit.SECONDS)).as("the older session was ended").isTrue();
    assertThat(second.ended).isNotDone();
    assertThat(sessions.size()).isEqualTo(1);
  }

  /** Each row breaks one property of a good ticket; each must be refused and counted. */
  @Test
  void everyKindOfBadTicketIsRefusedInWordsAndCounted() throws Exception {
    record Case(String what, SessionTicket ticket, String says) {}
    SessionTicket good = ticket(EPOCH);
    TicketIssuerKey stranger = TicketIssuerKey.generate(RANDOM);
    BlindedTicket foreign = stranger.publicKey().blind(EPOCH, RANDOM);
    SessionTicket otherKey = proto(foreign.finish(stranger.signBlinded(EPOCH,
        foreign.blinded())));
    UnaryOperator<ByteString> flip = b -> {
      byte[] x = b.toByteArray();
      x[x.length - 1] ^= 1;
      return ByteString.copyFrom(x);
    };
    Case[] cases = {
      new Case("last epoch's ticket", ticket(EPOCH - 1), "not the current one"),
      new Case("next epoch's ticket", ticket(EPOCH + 1), "not the current one"),
      new Case("next epoch's ticket relabelled as this one's",
          ticket(EPOCH + 1).toBuilder().setEpoch(EPOCH).build(), "not signed"),
      new Case("a changed serial", good.toBuilder().setSerial(flip.apply(good.getSerial()))
          .build(), "not signed"),
      new Case("a changed signature", good.toBuilder()
          .setSignature(flip.apply(good.getSignature())).build(), "not signed"),
      new Case("another cluster's key", otherKey, "not signed"),
      new Case("an empty ticket", SessionTicket.newBuilder().setEpoch(EPOCH).build(),
          "not signed"),
    };
    for (Case c : cases) {
      Stream s = subscribe(c.ticket());
      assertThat(s.outcome()).as(c.what()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(s.description()).as(c.what()).contains(c.says());
    }
    assertThat(sessions.refused(SessionRegistry.Refusal.BAD_TICKET)).isEqualTo(cases.length);
    assertThat(sessions.size()).isZero();
    // and the good one still gets in
    assertThat(subscribe(good).outcome()).isEqualTo(Status.Code.OK);
  }

  @Test
  void aTicketIsForgivenAMinuteOfClockDifferenceAtTheEpochBoundary() throws Exception {
    long boundary = (EPOCH + 1) * EPOCH_SECONDS * 1000;
    clock.set(boundary - 30_000); // the client's clock is 30 s ahead: it already has E+1
    assertThat(subscribe(ticket(EPOCH + 1)).outcome()).isEqualTo(Status.Code.OK);
    clock.set(boundary + 30_000); // just after the turn, a ticket of E still works
    assertThat(subscribe(ticket(EPOCH)).outcome()).isEqualTo(Status.Code.OK);
    clock.set(boundary + 90_000);
    assertThat(subscribe(ticket(EPOCH)).outcome()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  private static SessionTicket ticket(long epoch) throws Exception {
    BlindedTicket started = ISSUER.publicKey().blind(epoch, RANDOM);
    return proto(started.finish(ISSUER.signBlinded(epoch, started.blinded())));
  }

  private static SessionTicket proto(org.sotto.core.ticket.SessionTicket t) {
    return SessionTicket.newBuilder().setEpoch(t.epoch())
        .setSerial(ByteString.copyFrom(t.serial()))
        .setSignature(ByteString.copyFrom(t.signature())).build();
  }

  /** One Subscribe stream: how it was answered first, and whether it ended later. */
  private record Stream(CompletableFuture<Status> first, CompletableFuture<Boolean> ended) {
    Status.Code outcome() throws Exception {
      return first.get(5, TimeUnit.SECONDS).getCode();
    }

    String description() throws Exception {
      return first.get(5, TimeUnit.SECONDS).getDescription();
    }
  }

  private Stream subscribe(SessionTicket ticket) {
    SubscribeRequest.Builder request = SubscribeRequest.newBuilder()
        .setClientVersion("sotto-client/3");
    if (ticket != null) {
      request.setTicket(ticket);
    }
    Stream s = new Stream(new CompletableFuture<>(), new CompletableFuture<>());
    ClientGatewayGrpc.newStub(channel).subscribe(request.build(), new StreamObserver<>() {
      @Override
      public void onNext(RoundEvent event) {
        if (event.hasWelcome()) {
          s.first().complete(Status.OK);
        }
      }

      @Override
      public void onError(Throwable t) {
        s.first().complete(Status.fromThrowable(t));
        s.ended().complete(true);
      }

      @Override
      public void onCompleted() {
        s.ended().complete(true);
      }
    });
    return s;
  }
}
