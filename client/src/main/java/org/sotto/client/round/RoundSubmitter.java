package org.sotto.client.round;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's answer to one round's settings, for every kind of round (the kind is a
 * {@link ClientRoundKind}), in two steps whose timing is kept apart:
 *
 * <ol>
 *   <li><b>open</b>, as the settings arrive: verify each mix's round-key signature against the
 *       pinned descriptor and the kind's own checks, and send nothing for a round that fails (a
 *       coordinator must not be able to slip in keys of its own); otherwise draw the submission
 *       time ({@link SubmissionTiming}) and set a timer for it;
 *   <li><b>prepare</b>, on the participant's executor, when the participant says the round may
 *       be prepared (its previous round resolved) and at the latest at the timing's
 *       prepare-by mark: ask the kind for its requests (real or cover; this is where a chatting
 *       client steps its ratchet, writes it to disk and signs) and wrap each for the chain;
 *   <li><b>submit</b>, when the timer fires: whatever was prepared goes out. If the preparation
 *       has not finished (a stalled disk, a starved CPU), cover built on the spot goes out instead
 *       and the kind is told its requests were withdrawn, to send them again later: the
 *       submission time never waits for the user's work, so it never shows that work.
 * </ol>
 *
 * The timers of every submitter in the process run on one thread that does nothing but hand
 * each due submission to a thread of its own (from a pool that grows as needed and reuses idle
 * threads), so neither this client's preparation, its listeners nor its database can delay a
 * submission (the participant's executor would), and neither can another client in the same
 * process (a bot fleet, a benchmark) whose submission is slow to start or has cover to build.
 */
public final class RoundSubmitter<S> {
  private static final Logger log = LoggerFactory.getLogger(RoundSubmitter.class);
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      NamedThreads.daemon("sotto-submit-timer"));
  private static final ExecutorService SUBMITTERS = Executors.newCachedThreadPool(
      NamedThreads.daemon("sotto-submit"));

  private final ClusterDescriptor descriptor;
  private final byte[] clusterId;
  private final ClientRoundKind<S> kind;
  private final OnionWrapper wrapper;
  private final ScheduledExecutorService worker;
  private final SubmissionTiming timing;
  private final Map<Long, Turn> turns = new HashMap<>(); // guarded by this

  private enum State {
    /** Opened; the requests are not drawn yet. */
    WAITING,
    /** The kind is drawing the requests, or they are being wrapped. */
    PREPARING,
    /** Wrapped and waiting for the submission time. */
    READY,
    /** The preparation failed; cover goes out at the submission time. */
    COVER,
    /** Submitted, or given up; nothing more happens to it here. */
    DONE
  }

  /** One round from its settings to its submission. */
  private final class Turn {
    final ByteString session;
    final S settings;
    State state = State.WAITING;
    Wrapped ready;

    Turn(ByteString session, S settings) {
      this.session = session;
      this.settings = settings;
    }

    long round() {
      return kind.round(settings);
    }
  }

  private record Wrapped(List<WrappedOnion> onions, List<ByteString> wire) {
    void destroy() {
      onions.forEach(WrappedOnion::destroy);
    }
  }

  /**
   * @param worker where requests are prepared (the participant's executor)
   * @param timing when to prepare and when to submit
   */
  public RoundSubmitter(ClusterDescriptor descriptor, X25519 x25519, ClientRoundKind<S> kind,
      ScheduledExecutorService worker, SubmissionTiming timing) {
    this.descriptor = descriptor;
    this.clusterId = descriptor.clusterId();
    this.kind = kind;
    this.wrapper = new OnionWrapper(x25519, kind.kind());
    this.worker = worker;
    this.timing = timing;
  }

  /** Why the round's settings must be refused, or null when they may be answered. */
  public String problem(S settings) {
    String problem = kind.problem(settings);
    return problem != null ? problem : PinnedRoundKeys.problem(descriptor,
        new RoundTerms(kind.kind(), clusterId, kind.round(settings), kind.bucketCount(settings)),
        kind.keys(settings));
  }

  /**
   * Takes on a round whose settings arrived at {@code receivedNanos} ({@link System#nanoTime}),
   * to be submitted on {@code session}: checks them, sets the submission timer and schedules the
   * preparation ({@code prepareNow}: at once; otherwise at the prepare-by mark, or earlier
   * through {@link #prepareWaiting}). Both are measured from the arrival, not from this call, so
   * a client whose event thread was held up (by its own work) still submits at the drawn time. A
   * round of this kind opened earlier and not yet submitted is given up (its deadline has
   * passed). Returns false, having told the kind, if the settings are refused; nothing is sent
   * for them.
   */
  public boolean open(ByteString session, S settings, long receivedNanos, boolean prepareNow) {
    long round = kind.round(settings);
    String problem = problem(settings);
    if (problem != null) {
      log.warn("refusing {} round {}: {}", kind.kind(), round, problem);
      kind.refused(settings, problem);
      return false;
    }
    long remaining = kind.remainingMs(settings);
    Turn turn = new Turn(session, settings);
    List<Turn> superseded;
    synchronized (this) {
      superseded = List.copyOf(turns.values());
      turns.clear();
      turns.put(round, turn);
    }
    superseded.forEach(t -> giveUp(t, kind.kind() + " round " + round + " opened before "
        + kind.kind() + " round " + t.round() + " was submitted"));
    long sinceArrival = System.nanoTime() - receivedNanos;
    try {
      TIMER.schedule(() -> SUBMITTERS.execute(() -> submit(turn)),
          TimeUnit.MILLISECONDS.toNanos(timing.submitAfterMs(remaining)) - sinceArrival,
          TimeUnit.NANOSECONDS);
      if (prepareNow) {
        worker.execute(() -> prepare(turn));
      } else {
        worker.schedule(() -> prepare(turn),
            TimeUnit.MILLISECONDS.toNanos(timing.prepareByMs(remaining)) - sinceArrival,
            TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException closed) {
      giveUp(turn, "the client is closing");
    }
    return true;
  }

  /** The participant's previous round resolved: a round still waiting may be prepared now. */
  public void prepareWaiting() {
    List<Turn> waiting;
    synchronized (this) {
      waiting = turns.values().stream().filter(t -> t.state == State.WAITING).toList();
    }
    for (Turn t : waiting) {
      try {
        worker.execute(() -> prepare(t));
      } catch (RejectedExecutionException closed) {
        return; // closing: nothing more goes out
      }
    }
  }

  /** Every round not yet submitted is given up (the session ended, or the client closes). */
  public void abandonAll(String why) {
    List<Turn> all;
    synchronized (this) {
      all = List.copyOf(turns.values());
      turns.clear();
    }
    all.forEach(t -> giveUp(t, why));
  }

  private void prepare(Turn turn) {
    synchronized (this) {
      if (turn.state != State.WAITING) {
        return;
      }
      turn.state = State.PREPARING;
    }
    Wrapped wrapped = null;
    String failure = null;
    try {
      wrapped = wrap(turn, kind.requests(turn.settings));
    } catch (RejectedInputException e) {
      failure = "round " + turn.round() + " could not be wrapped: " + e.getMessage();
    } catch (RuntimeException e) { // a database that fails, say: cover still goes out
      log.error("preparing {} round {} failed; cover goes out instead", kind.kind(),
          turn.round(), e);
      failure = "preparing round " + turn.round() + " failed: " + e.getMessage();
    }
    State found;
    synchronized (this) {
      found = turn.state;
      if (found == State.PREPARING) {
        turn.state = failure == null ? State.READY : State.COVER;
        turn.ready = wrapped;
      }
    }
    if (found == State.PREPARING && failure == null) {
      return;
    }
    if (wrapped != null) {
      wrapped.destroy();
    }
    if (failure == null) {
      log.warn("{} round {} was prepared after its submission time; cover went out instead",
          kind.kind(), turn.round());
      failure = "prepared after the submission time; cover went out instead";
    }
    kind.withdrawn(turn.settings, failure);
  }

  /** The timer fired: what is ready goes out, or cover in its place. */
  private void submit(Turn turn) {
    State state;
    synchronized (this) {
      state = turn.state;
      if (state == State.DONE) {
        return;
      }
      turn.state = State.DONE;
      turns.remove(turn.round(), turn);
    }
    boolean real = state == State.READY;
    Wrapped wrapped = turn.ready;
    if (!real) {
      if (state != State.COVER) {
        log.warn("{} round {} is not prepared at its submission time; sending cover",
            kind.kind(), turn.round());
      }
      try {
        wrapped = wrap(turn, kind.cover(turn.settings));
      } catch (RejectedInputException e) {
        kind.failed(turn.settings, "round " + turn.round() + " could not be wrapped: "
            + e.getMessage());
        return;
      }
    }
    Wrapped sent = wrapped;
    kind.sending(turn.settings, sent.onions(), real);
    kind.send(turn.session, turn.settings, sent.wire(), new StreamObserver<>() {
      @Override
      public void onNext(Object value) {}

      @Override
      public void onError(Throwable t) {
        sent.destroy();
        kind.failed(turn.settings, "the coordinator refused the submission: "
            + Status.fromThrowable(t).getDescription());
      }

      @Override
      public void onCompleted() {
        kind.accepted(turn.settings, real);
      }
    });
  }

  /** Nothing goes out for {@code turn}; requests already drawn are handed back. */
  private void giveUp(Turn turn, String why) {
    State state;
    synchronized (this) {
      state = turn.state;
      turn.state = State.DONE;
    }
    if (state == State.READY) {
      turn.ready.destroy();
      kind.withdrawn(turn.settings, why);
    }
    // PREPARING: the preparation finds DONE and withdraws its requests itself; WAITING and
    // COVER have nothing drawn to hand back (a failed preparation already withdrew its own).
  }

  private Wrapped wrap(Turn turn, List<byte[]> requests) throws RejectedInputException {
    List<byte[]> keys = kind.keys(turn.settings).stream()
        .map(k -> k.getRoundPublicKey().toByteArray()).toList();
    List<WrappedOnion> onions = new ArrayList<>();
    List<ByteString> wire = new ArrayList<>();
    try {
      for (byte[] request : requests) {
        WrappedOnion w = wrapper.wrap(turn.round(), keys, request,
            Randoms.perThread());
        onions.add(w);
        wire.add(UnsafeByteOperations.unsafeWrap(w.onion()));
      }
    } catch (RejectedInputException e) {
      onions.forEach(WrappedOnion::destroy);
      throw e;
    }
    return new Wrapped(onions, wire);
  }
}
