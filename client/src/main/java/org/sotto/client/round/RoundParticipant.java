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
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundAborted;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundReplies;
import org.sotto.proto.RoundSettings;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubmitOnionsResponse;
import org.sotto.proto.SubscribeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's part in every round, from the settings it is pushed to the replies it opens:
 *
 * <ol>
 *   <li>verify each mix's round-key signature against the pinned descriptor; refuse the round if
 *       any fails (a coordinator must not be able to slip in its own keys);
 *   <li>ask the {@link RoundTraffic} for one exchange request per slot, wrap each for the chain,
 *       and submit them; it submits once the previous round has resolved, or halfway through the
 *       window, whichever comes first, so acknowledgements travel one round sooner;
 *   <li>open each reply's layers and hand the answer over, or report the slot lost.
 * </ol>
 *
 * A broken stream reconnects with exponential backoff; rounds in flight count as lost, which the
 * conversations turn into retransmissions.
 */
public final class RoundParticipant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoundParticipant.class);
  private static final long MAX_BACKOFF_MS = 8_000;

  private final ClusterDescriptor descriptor;
  private final ManagedChannel channel;
  private final OnionWrapper wrapper;
  private final RoundTraffic traffic;
  private final ParticipantListener listener;
  private final ScheduledExecutorService scheduler;
  private final SessionObserver observer;
  private final Map<Long, List<WrappedOnion>> inFlight = new HashMap<>();
  private ByteString session;
  private RoundSettings waiting;
  private long backoffMs = 250;
  private boolean closed;
  private io.grpc.Context.CancellableContext subscription;

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
    this.descriptor = descriptor;
    this.channel = channel;
    this.wrapper = new OnionWrapper(x25519);
    this.traffic = traffic;
    this.listener = listener;
    this.scheduler = scheduler;
    this.observer = observer;
  }

  public synchronized void start() {
    subscription = io.grpc.Context.current().withCancellation();
    subscription.run(() -> ClientGatewayGrpc.newStub(channel).subscribe(
        SubscribeRequest.newBuilder().setClientVersion("sotto-client/1").build(), new Events()));
  }

  private final class Events implements StreamObserver<RoundEvent> {
    @Override
    public void onNext(RoundEvent event) {
      switch (event.getEventCase()) {
        case WELCOME -> welcomed(event.getWelcome().getSessionId());
        case SETTINGS -> settings(event.getSettings());
        case REPLIES -> replies(event.getReplies());
        case ABORTED -> aborted(event.getAborted());
        default -> { } // dialing and future events are handled elsewhere
      }
      if (event.hasWelcome()) {
        observer.sessionOpened(event.getWelcome().getSessionId());
      }
      observer.event(event);
    }

    @Override
    public void onError(Throwable t) {
      disconnected(org.sotto.core.rpc.Channels.describe(Status.fromThrowable(t)));
    }

    @Override
    public void onCompleted() {
      disconnected("the coordinator closed the stream");
    }
  }

  private synchronized void welcomed(ByteString sessionId) {
    session = sessionId;
    backoffMs = 250;
    listener.connected(true, "session open");
  }

  private synchronized void settings(RoundSettings settings) {
    String problem = verify(settings);
    if (problem != null) {
      log.warn("refusing round {}: {}", settings.getRound(), problem);
      listener.roundRefused(settings.getRound(), problem);
      return;
    }
    listener.roundOpened(settings.getRound());
    waiting = settings;
    if (inFlight.isEmpty()) {
      scheduler.execute(this::submitWaiting);
    } else {
      scheduler.schedule(this::submitWaiting, descriptor.roundIntervalMs() / 2,
          TimeUnit.MILLISECONDS);
    }
  }

  private String verify(RoundSettings settings) {
    return PinnedRoundKeys.problem(descriptor, RoundKind.CONVERSATION, settings.getRound(),
        settings.getMixKeysList());
  }

  private void submitWaiting() {
    RoundSettings settings;
    ByteString sessionId;
    synchronized (this) {
      settings = waiting;
      waiting = null;
      sessionId = session;
      if (settings == null || sessionId == null || closed) {
        return;
      }
    }
    long round = settings.getRound();
    int slots = descriptor.slotsPerRound();
    List<byte[]> requests = traffic.requestsFor(round, slots);
    List<byte[]> keys = settings.getMixKeysList().stream()
        .map(k -> k.getRoundPublicKey().toByteArray()).toList();
    List<WrappedOnion> onions = new ArrayList<>(slots);
    SubmitOnionsRequest.Builder submit = SubmitOnionsRequest.newBuilder()
        .setSessionId(sessionId).setRound(round);
    try {
      for (byte[] request : requests) {
        WrappedOnion w = wrapper.wrap(round, keys, request, Randoms.perThread());
        onions.add(w);
        submit.addOnions(com.google.protobuf.UnsafeByteOperations.unsafeWrap(w.onion()));
      }
    } catch (RejectedInputException e) {
      listener.roundRefused(round, "a round key is unusable: " + e.getMessage());
      loseAll(round, slots, "round key unusable");
      return;
    }
    synchronized (this) {
      inFlight.put(round, onions);
    }
    ClientGatewayGrpc.newStub(channel).withDeadlineAfter(descriptor.roundIntervalMs() * 2,
        TimeUnit.MILLISECONDS).submitOnions(submit.build(), new StreamObserver<>() {
          @Override
          public void onNext(SubmitOnionsResponse value) {}

          @Override
          public void onError(Throwable t) {
            String why = Status.fromThrowable(t).getDescription();
            listener.submissionRejected(round, why);
            forget(round);
            loseAll(round, slots, "submission refused: " + why);
          }

          @Override
          public void onCompleted() {}
        });
  }

  private void replies(RoundReplies replies) {
    List<WrappedOnion> onions = forget(replies.getRound());
    if (onions == null) {
      return;
    }
    for (int slot = 0; slot < onions.size(); slot++) {
      try {
        byte[] reply = replies.getReplies(slot).toByteArray();
        traffic.answered(replies.getRound(), slot, onions.get(slot).openReply(reply));
      } catch (RejectedInputException | IndexOutOfBoundsException e) {
        traffic.lost(replies.getRound(), slot, "reply did not open: " + e.getMessage());
      } finally {
        onions.get(slot).destroy();
      }
    }
    listener.roundCompleted(replies.getRound());
    submitEarly();
  }

  private void aborted(RoundAborted aborted) {
    listener.roundAborted(aborted.getRound(), aborted.getReason());
    List<WrappedOnion> onions = forget(aborted.getRound());
    if (onions != null) {
      onions.forEach(WrappedOnion::destroy);
      loseAll(aborted.getRound(), onions.size(), "round aborted: " + aborted.getReason());
    }
    submitEarly();
  }

  /** The previous round resolved: the waiting round need not wait for its halfway mark. */
  private void submitEarly() {
    synchronized (this) {
      if (waiting == null || !inFlight.isEmpty()) {
        return;
      }
    }
    scheduler.execute(this::submitWaiting);
  }

  private synchronized List<WrappedOnion> forget(long round) {
    return inFlight.remove(round);
  }

  private void loseAll(long round, int slots, String why) {
    for (int slot = 0; slot < slots; slot++) {
      traffic.lost(round, slot, why);
    }
  }

  private void disconnected(String why) {
    Map<Long, List<WrappedOnion>> lost;
    long delay;
    synchronized (this) {
      session = null;
      waiting = null;
      lost = new HashMap<>(inFlight);
      inFlight.clear();
      if (closed) {
        return;
      }
      delay = backoffMs;
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }
    listener.connected(false, why);
    observer.sessionClosed(why);
    lost.forEach((round, onions) -> loseAll(round, onions.size(), "disconnected: " + why));
    scheduler.schedule(() -> {
      synchronized (this) {
        if (!closed) {
          start();
        }
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (subscription != null) {
      subscription.cancel(null);
    }
  }
}
