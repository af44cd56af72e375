package org.sotto.client.round;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundAborted;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundReplies;
import org.sotto.proto.RoundSettings;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubscribeRequest;
import org.sotto.proto.Welcome;
import org.sotto.proto.MixRoundKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's part in every round, from the settings it is pushed to the replies it opens:
 *
 * <ol>
 *   <li>check the session's Welcome against the pinned descriptor (chain, slots, onion and reply
 *       sizes) and leave a coordinator that announces others;
 *   <li>verify each mix's round-key signature against the pinned descriptor; refuse the round if
 *       any fails (a coordinator must not be able to slip in its own keys);
 *   <li>ask the {@link RoundTraffic} for one exchange request per slot and wrap each for the
 *       chain, once the previous round has resolved (so its acknowledgements travel in this
 *       round) and at the latest at the timing's prepare-by mark; submit them at the time
 *       {@link SubmissionTiming} draws, the same for a chatting client as for an idle one (the
 *       {@link RoundSubmitter}, which dialing rounds use too, keeps the two apart);
 *   <li>open each reply's layers and hand the answer over, or report the slot lost.
 * </ol>
 *
 * A broken stream reconnects with exponential backoff; rounds in flight count as lost, which the
 * conversations turn into retransmissions.
 */
public final class RoundParticipant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoundParticipant.class);
  private static final long MAX_BACKOFF_MS = 8_000;
  /** What Subscribe says this client is: software/client protocol version (client.proto). */
  public static final String CLIENT_VERSION = "sotto-client/3";

  private final ClusterDescriptor descriptor;
  private final ManagedChannel channel;
  private final RoundSubmitter<RoundSettings> submitter;
  private final RoundTraffic traffic;
  private final ParticipantListener listener;
  private final ScheduledExecutorService scheduler;
  private final SessionObserver observer;
  private final Map<Long, Sent> inFlight = new HashMap<>();
  private ByteString session;
  private String leaving;
  private long backoffMs = 250;
  private boolean closed;
  private io.grpc.Context.CancellableContext subscription;
  private TicketSource tickets = TicketSource.NONE;

  public RoundParticipant(ClusterDescriptor descriptor, ManagedChannel channel, X25519 x25519,
      RoundTraffic traffic, ParticipantListener listener, ScheduledExecutorService scheduler) {
    this(descriptor, channel, x25519, traffic, listener, scheduler, SessionObserver.NONE);
  }

  /**
   * @param observer shares the session and its events (e.g. with the dialing participant, which
   *     needs the same session)
   */
  public RoundParticipant(ClusterDescriptor descriptor, ManagedChannel channel, X25519 x25519,
      RoundTraffic traffic, ParticipantListener listener, ScheduledExecutorService scheduler,
      SessionObserver observer) {
    this(descriptor, channel, x25519, traffic, listener, scheduler, observer,
        SubmissionTiming.DEFAULT);
  }

  /** @param timing when in each round's window to prepare and to submit */
  public RoundParticipant(ClusterDescriptor descriptor, ManagedChannel channel, X25519 x25519,
      RoundTraffic traffic, ParticipantListener listener, ScheduledExecutorService scheduler,
      SessionObserver observer, SubmissionTiming timing) {
    this.descriptor = descriptor;
    this.channel = channel;
    this.submitter = new RoundSubmitter<>(descriptor, x25519, new Conversation(), scheduler,
        timing);
    this.traffic = traffic;
    this.listener = listener;
    this.scheduler = scheduler;
    this.observer = observer;
  }

  /** Shows a ticket from {@code source} whenever a session opens; call before {@link #start}. */
  public synchronized RoundParticipant withTickets(TicketSource source) {
    this.tickets = source;
    return this;
  }

  public synchronized void start() {
    SubscribeRequest.Builder request = SubscribeRequest.newBuilder()
        .setClientVersion(CLIENT_VERSION);
    tickets.ticket().ifPresent(request::setTicket);
    subscription = io.grpc.Context.current().withCancellation();
    subscription.run(() -> ClientGatewayGrpc.newStub(channel).subscribe(request.build(),
        new Events()));
  }

  private final class Events implements StreamObserver<RoundEvent> {
    @Override
    public void onNext(RoundEvent event) {
      long received = System.nanoTime();
      // Events of a stream arrive one after the other: whatever takes time (opening replies,
      // writing what they carry) goes to the participant's executor, or it would hold up the
      // next event, and with it the submission timed from that event, the longer the more the
      // user is doing.
      switch (event.getEventCase()) {
        case WELCOME -> welcomed(event.getWelcome());
        case SETTINGS -> settings(event.getSettings(), received);
        case REPLIES -> later(() -> replies(event.getReplies()));
        case ABORTED -> later(() -> aborted(event.getAborted()));
        default -> { } // dialing and future events are handled elsewhere
      }
      if (event.hasWelcome() && event.getWelcome().getSessionId().equals(currentSession())) {
        observer.sessionOpened(event.getWelcome().getSessionId());
      }
      observer.event(event);
    }

    @Override
    public void onError(Throwable t) {
      String why;
      Status status = Status.fromThrowable(t);
      if (status.getCode() == Status.Code.UNAUTHENTICATED) {
        tickets.refused(status.getDescription());
      }
      synchronized (RoundParticipant.this) {
        why = leaving != null ? leaving : org.sotto.core.rpc.Channels.describe(Status.fromThrowable(t));
        leaving = null;
      }
      disconnected(why);
    }

    @Override
    public void onCompleted() {
      disconnected("the coordinator closed the stream");
    }
  }

  private void welcomed(Welcome welcome) {
    String problem = WelcomeCheck.problem(descriptor, welcome);
    if (problem != null) {
      log.warn("leaving the coordinator: {}", problem);
      synchronized (this) {
        leaving = problem;
        if (subscription != null) {
          subscription.cancel(null); // the stream ends: disconnected() reports why and retries
        }
      }
      return;
    }
    synchronized (this) {
      session = welcome.getSessionId();
      backoffMs = 250;
    }
    listener.connected(true, "session open");
  }

  /**
   * Opens the round: it is prepared at once if the previous round has resolved, else when it does
   * (see {@link #prepareEarly}) or at the prepare-by mark, and submitted at its drawn time.
   */
  private void settings(RoundSettings settings, long receivedNanos) {
    ByteString sessionId;
    boolean previousResolved;
    synchronized (this) {
      sessionId = session;
      previousResolved = inFlight.isEmpty();
      if (sessionId == null || closed) {
        return;
      }
    }
    if (submitter.open(sessionId, settings, receivedNanos, previousResolved)) {
      listener.roundOpened(settings.getRound());
      if (!previousResolved) {
        prepareEarly(); // in case the previous round resolved while this one was opening
      }
    }
  }

  /** One round's onions, once submitted: cover standing in for the requests is not {@code real}. */
  private record Sent(List<WrappedOnion> onions, boolean real) {}

  /** What a conversation round asks of this client: its slots, and replies to come. */
  private final class Conversation implements ClientRoundKind<RoundSettings> {
    @Override
    public RoundKind kind() {
      return RoundKind.CONVERSATION;
    }

    @Override
    public long round(RoundSettings settings) {
      return settings.getRound();
    }

    @Override
    public List<MixRoundKey> keys(RoundSettings settings) {
      return settings.getMixKeysList();
    }

    @Override
    public long remainingMs(RoundSettings settings) {
      return SubmissionTiming.remainingMs(settings.getSubmitDeadlineUnixMs(),
          settings.getServerTimeUnixMs(), descriptor.roundIntervalMs());
    }

    @Override
    public String problem(RoundSettings settings) {
      return null; // sizes and slots were checked once, against the Welcome
    }

    @Override
    public List<byte[]> requests(RoundSettings settings) {
      return traffic.requestsFor(settings.getRound(), descriptor.slotsPerRound());
    }

    @Override
    public List<byte[]> cover(RoundSettings settings) {
      List<byte[]> cover = new ArrayList<>();
      for (int slot = 0; slot < descriptor.slotsPerRound(); slot++) {
        cover.add(CoverTraffic.request());
      }
      return cover;
    }

    @Override
    public void send(ByteString session, RoundSettings settings, List<ByteString> onions,
        StreamObserver<Object> answer) {
      ClientGatewayGrpc.newStub(channel).withDeadlineAfter(descriptor.roundIntervalMs() * 2,
          TimeUnit.MILLISECONDS).submitOnions(SubmitOnionsRequest.newBuilder()
              .setSessionId(session).setRound(settings.getRound()).addAllOnions(onions).build(),
          new ForwardTo<>(answer));
    }

    @Override
    public void refused(RoundSettings settings, String why) {
      listener.roundRefused(settings.getRound(), why);
    }

    @Override
    public void sending(RoundSettings settings, List<WrappedOnion> onions, boolean real) {
      synchronized (RoundParticipant.this) {
        inFlight.put(settings.getRound(), new Sent(onions, real));
      }
    }

    /**
     * Only now, after the coordinator took the onions, do the conversations record their
     * messages as sent (a database write): off the path to the submission, and never for a
     * message that did not go out.
     */
    @Override
    public void accepted(RoundSettings settings, boolean real) {
      if (real) {
        later(() -> traffic.submitted(settings.getRound()));
      }
    }

    @Override
    public void withdrawn(RoundSettings settings, String why) {
      loseAll(settings.getRound(), descriptor.slotsPerRound(), why);
    }

    @Override
    public void failed(RoundSettings settings, String why) {
      long round = settings.getRound();
      listener.submissionRejected(round, why);
      forget(round);
      loseAll(round, descriptor.slotsPerRound(), why);
    }
  }

  /** Hands a typed RPC's answer to an observer of any answer. */
  public static final class ForwardTo<T> implements StreamObserver<T> {
    private final StreamObserver<Object> to;

    public ForwardTo(StreamObserver<Object> to) {
      this.to = to;
    }

    @Override
    public void onNext(T value) {
      to.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      to.onError(t);
    }

    @Override
    public void onCompleted() {
      to.onCompleted();
    }
  }

  private void replies(RoundReplies replies) {
    Sent sent = forget(replies.getRound());
    if (sent == null) {
      return;
    }
    List<WrappedOnion> onions = sent.onions();
    for (int slot = 0; slot < onions.size(); slot++) {
      try {
        byte[] reply = replies.getReplies(slot).toByteArray();
        byte[] answer = onions.get(slot).openReply(reply);
        if (sent.real()) { // cover's answers are nobody's; its requests were withdrawn
          traffic.answered(replies.getRound(), slot, answer);
        }
      } catch (RejectedInputException | IndexOutOfBoundsException e) {
        if (sent.real()) {
          traffic.lost(replies.getRound(), slot, "reply did not open: " + e.getMessage());
        }
      } finally {
        onions.get(slot).destroy();
      }
    }
    listener.roundCompleted(replies.getRound());
    prepareEarly();
  }

  private void aborted(RoundAborted aborted) {
    listener.roundAborted(aborted.getRound(), aborted.getReason());
    Sent sent = forget(aborted.getRound());
    if (sent != null) {
      sent.onions().forEach(WrappedOnion::destroy);
      if (sent.real()) {
        loseAll(aborted.getRound(), sent.onions().size(),
            "round aborted: " + aborted.getReason());
      }
    }
    prepareEarly();
  }

  /**
   * The previous round resolved: the waiting round need not wait for its prepare-by mark, and
   * its messages carry the acknowledgements of the replies just opened. Only the preparation
   * moves; the submission time stays as drawn.
   */
  private void prepareEarly() {
    synchronized (this) {
      if (!inFlight.isEmpty()) {
        return;
      }
    }
    later(submitter::prepareWaiting);
  }

  private synchronized ByteString currentSession() {
    return session;
  }

  private synchronized Sent forget(long round) {
    return inFlight.remove(round);
  }

  private void loseAll(long round, int slots, String why) {
    for (int slot = 0; slot < slots; slot++) {
      traffic.lost(round, slot, why);
    }
  }

  private void disconnected(String why) {
    Map<Long, Sent> lost;
    long delay;
    synchronized (this) {
      session = null;
      lost = new HashMap<>(inFlight);
      inFlight.clear();
      delay = backoffMs;
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }
    submitter.abandonAll("disconnected: " + why);
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    listener.connected(false, why);
    observer.sessionClosed(why);
    lost.forEach((round, sent) -> {
      sent.onions().forEach(WrappedOnion::destroy);
      if (sent.real()) {
        loseAll(round, sent.onions().size(), "disconnected: " + why);
      }
    });
    scheduler.schedule(() -> {
      synchronized (this) {
        if (!closed) {
          start();
        }
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (subscription != null) {
        subscription.cancel(null);
      }
    }
    submitter.abandonAll("the client closed");
  }

  /**
   * Runs {@code work} on this participant's thread. Once the client is closed there is no such
   * thread, and an answer arriving late (a gRPC callback) has nothing left to do: the
   * messages stay queued in the store.
   */
  private void later(Runnable work) {
    try {
      scheduler.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closed meanwhile; see above
    }
  }
}
