package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.proto.AbortCause;
import org.sotto.proto.MixRoundKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of round as the coordinator runs it (the kind is a {@link RoundType}); conversation
 * and dialing rounds each have one driver. Time is cut into windows of one round interval on the
 * round clock; at the start of each window ({@link #tick}):
 *
 * <ol>
 *   <li>the round that was collecting closes (its deadline is this instant) and its batch goes
 *       into the chain, asynchronously: it mixes while the next one collects (pipelining);
 *   <li>the next round, opened on the mixes during the previous window, is announced to every
 *       client with the end of this window as its submit deadline, and collects one submission
 *       per session until then;
 *   <li>as soon as it is announced, the round after it starts opening (fresh signed keys from
 *       every mix, last first) on another thread, a whole window ahead, so opening never eats
 *       into a collection window. If the chain is slow and it opens late, it is announced in the
 *       window in progress, with that window's end as its deadline, or waits for the next one.
 *       When opening the chain takes longer than an interval (a slow link: each mix's OpenRound
 *       is timed, see {@link HopLatency}), that many more rounds open at once, each started one
 *       announcement later, so each is still open by the start of its own window
 *       ({@link RoundType#openDepth}, at most {@value HopLatency#MAX_DEPTH}).
 * </ol>
 *
 * The deadline a client is told is exactly when collection ends: it is computed from the
 * window's scheduled start, never from when the announcement went out, and a submission is
 * judged against it on the round clock, so one that arrives before the deadline is accepted
 * however late the ticker runs, and one after it is refused. When the results come back they are
 * handed over (replies to clients, buckets to the store); a hop failing or timing out aborts that
 * round for everyone with the cause and erases its keys at every mix, and the next window tries
 * again, so rounds resume as soon as the chain is back.
 */
final class RoundDriver<P, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoundDriver.class);
  /** Openings that must ask for fewer rounds at once before fewer open (see openAhead). */
  private static final int SHALLOWER_AFTER = 10;

  private final RoundType<P, R> type;
  private final SessionRegistry sessions;
  private final RoundNumbers numbers;
  private final Clock clock;
  private final Executor opener;
  private final long hopTimeoutMs;
  private final CoordinatorCounters counters;
  private final SubmissionListener submitted;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<Long> mixing = ConcurrentHashMap.newKeySet();
  private RoundSchedule schedule;

  // Guarded by this.
  /** Rounds opening or opened and not yet announced, oldest first: the first is announced next. */
  private final ArrayDeque<Opening<P>> ahead = new ArrayDeque<>();
  private int depth = 1;
  /** Openings in a row that asked for fewer rounds at once than {@link #depth}. */
  private int shallower;
  private long windowEnd = Long.MIN_VALUE;
  private boolean stopped;
  private volatile Collecting<P> collecting;

  /** The next round, opening on the chain or opened and waiting for a window. */
  private record Opening<P>(long round, P parameters, CompletableFuture<Opened<P>> keys) {}

  private record Opened<P>(long round, P parameters, List<MixRoundKey> keys, long openMs) {}

  /**
   * The announced round, collecting until {@code deadlineMs}; {@code announcedNanos} is when its
   * settings went out, the origin of a submission's arrival time for {@link SubmissionListener}.
   */
  private record Collecting<P>(Opened<P> opened, RoundCollection collection, long deadlineMs,
      long announcedNanos) {}

  /**
   * @param opener where rounds are opened on the chain (blocking calls, one per opening round)
   * @param clock the round clock: windows, deadlines and the judging of submissions
   */
  RoundDriver(RoundType<P, R> type, SessionRegistry sessions, RoundNumbers numbers, Clock clock,
      Executor opener, long hopTimeoutMs, CoordinatorCounters counters,
      SubmissionListener submitted) {
    this.type = type;
    this.sessions = sessions;
    this.numbers = numbers;
    this.clock = clock;
    this.opener = opener;
    this.hopTimeoutMs = hopTimeoutMs;
    this.counters = counters;
    this.submitted = submitted;
  }

  /**
   * The least time one mix is given to open a round: a round interval, since an opening that
   * fails sooner is retried only at the next window anyway, and never less than 2 s, which leaves
   * room for a TLS handshake to a mix that just came back; but no more than the hop timeout. A
   * mix measured slower than this gets longer ({@link HopLatency#timeoutMs}, up to the hop
   * timeout).
   */
  static long openFloorMs(long hopTimeoutMs, long intervalMs) {
    return Math.min(hopTimeoutMs, Math.max(2000, intervalMs));
  }

  /** Ticks at the start of every window from now on, on {@code ticker}. */
  void start(ScheduledExecutorService ticker) {
    schedule = new RoundSchedule(type.name(), type.intervalMs(), clock, ticker, this::tick);
    schedule.start();
  }

  /** Starts the window that begins at {@code windowStart} (round-clock ms); ticker thread only. */
  void tick(long windowStart) {
    Collecting<P> closing;
    Opening<P> ready;
    synchronized (this) {
      if (stopped) {
        return;
      }
      closing = collecting;
      collecting = null;
      windowEnd = windowStart + type.intervalMs();
      // The first window, or the last opening failed: try again now. An opening can fail
      // before beginOpening returns (a mix that refuses connections answers at once), when its
      // failure handler could not yet clear it; hence the test here too.
      ahead.removeIf(o -> o.keys().isCompletedExceptionally());
      openAhead();
      ready = ahead.peekFirst();
    }
    if (closing != null) {
      mix(closing.opened(), closing.collection().close());
    }
    ready.keys().thenAccept(opened -> announce(ready, opened));
  }

  /**
   * Starts opening rounds until as many are opening or opened as the chain's measured latency
   * asks for (one while opening takes less than an interval). More at once as soon as it asks;
   * fewer only after it has asked for fewer {@value #SHALLOWER_AFTER} times in a row, so that a
   * chain whose opening time hovers near a whole number of intervals does not flap (each change
   * is logged); but one at once as soon as a mix stops answering. Caller holds the lock.
   */
  private void openAhead() {
    int want = type.openDepth();
    shallower = want < depth ? shallower + 1 : 0;
    if (want > depth || shallower >= SHALLOWER_AFTER || want < depth && type.openStalled()) {
      log.info("{}s: {} opening at once from now on (was {}): opening the chain takes {}",
          type.name(), want, depth, want > depth ? "longer than " + depth + " interval(s)"
              : "less time again");
      depth = want;
      shallower = 0;
    }
    for (int n = ahead.size(); n < depth; n++) {
      ahead.addLast(beginOpening());
    }
  }

  /**
   * Numbers the next round and starts opening it on the chain, off the ticker thread. It is
   * announced in the first window that starts after it has opened, or in the window in progress
   * if it opens late (a shorter window, with that window's end as its deadline); a failure
   * aborts it and the next window tries again.
   */
  private Opening<P> beginOpening() {
    long round = numbers.next(clock.millis(), type.intervalMs());
    P parameters = type.parameters(sessions.size());
    CompletableFuture<Opened<P>> keys = CompletableFuture.supplyAsync(() -> {
      long start = System.nanoTime();
      return new Opened<>(round, parameters, type.open(round, parameters), millisSince(start));
    }, opener);
    Opening<P> opening = new Opening<>(round, parameters, keys);
    keys.whenComplete((opened, error) -> {
      if (error != null) {
        synchronized (this) {
          ahead.removeIf(o -> o == opening);
        }
        Throwable cause = unwrap(error);
        Chain.HopFailure f = cause instanceof Chain.HopFailure h ? h
            : new Chain.HopFailure(AbortCause.ABORT_CAUSE_MIX_ERROR,
                "opening " + type.name() + " " + round + " failed: " + cause, cause);
        abort(round, parameters, RoundCollection.Closed.empty(round, type.onionsPerSession()),
            f.cause, f.getMessage(), 0, 0, 0);
      }
    });
    return opening;
  }

  /**
   * The round is open on every mix. If no round is collecting in the window in progress, it
   * collects until the end of that window, and the next round starts opening, a whole window
   * (or {@link RoundType#openDepth} windows) ahead of its own; otherwise it waits for the next
   * tick.
   */
  private void announce(Opening<P> opening, Opened<P> opened) {
    long now;
    long deadline;
    synchronized (this) {
      now = clock.millis();
      deadline = windowEnd;
      if (stopped || ahead.peekFirst() != opening || collecting != null || now >= deadline) {
        return;
      }
      ahead.pollFirst();
      collecting = new Collecting<>(opened, new RoundCollection(opened.round(),
          type.onionsPerSession()), deadline, System.nanoTime());
      openAhead();
    }
    sessions.broadcast(type.settings(opened.round(), opened.parameters(), opened.keys(),
        deadline, now));
  }

  /** A round opened on the chain but never announced: erase its keys; nobody was told of it. */
  private void unannounced(Opened<P> opened, String why) {
    log.info("{} {} not announced: {}", type.name(), opened.round(), why);
    type.closeRound(opened.round(), "never announced: " + why);
  }

  /**
   * Judges one session's submission for a round. Returns why it is refused (counted), or null
   * once it has been accepted (and listeners told).
   */
  Status submit(SessionId session, long round, List<ByteString> onions) {
    long arrived = System.nanoTime();
    Collecting<P> open = collecting;
    Status refusal = check(session, round, onions, open);
    if (refusal != null) {
      counters.reject(refusal.getCode());
      return refusal;
    }
    submitted.accepted(type.kind(), round, HexFormat.of().formatHex(session.bytes()
        .toByteArray()), onions.stream().map(ByteString::size).toList(),
        arrived - open.announcedNanos());
    return null;
  }

  /** Why the submission is refused, judged against {@code open}, the round collecting now. */
  private Status check(SessionId session, long round, List<ByteString> onions,
      Collecting<P> open) {
    if (sessions.get(session) == null) {
      return Status.UNAUTHENTICATED.withDescription(
          "unknown session; subscribe first and use the session id from the Welcome event");
    }
    if (onions.size() != type.onionsPerSession()) {
      return Status.INVALID_ARGUMENT.withDescription("send exactly " + type.onionsPerSession()
          + " onions per " + type.name() + ", not " + onions.size());
    }
    for (ByteString onion : onions) {
      if (onion.size() != type.onionSize()) {
        return Status.INVALID_ARGUMENT.withDescription("every onion of a " + type.name() + " is "
            + type.onionSize() + " bytes for this chain, one was " + onion.size());
      }
    }
    long now = clock.millis();
    if (open == null || round != open.opened().round()) {
      String state = open == null ? "no " + type.name() + " is collecting"
          : type.name() + " " + open.opened().round() + " is collecting";
      boolean early = open != null && Long.compareUnsigned(round, open.opened().round()) > 0;
      return Status.FAILED_PRECONDITION.withDescription((early ? "too early" : "too late")
          + " for " + type.name() + " " + Long.toUnsignedString(round) + ": " + state);
    }
    if (now > open.deadlineMs()) {
      return Status.FAILED_PRECONDITION.withDescription("too late for " + type.name() + " "
          + Long.toUnsignedString(round) + ": its submit deadline passed "
          + (now - open.deadlineMs()) + " ms ago");
    }
    return switch (open.collection().submit(session, onions)) {
      case ACCEPTED -> null;
      case DUPLICATE -> Status.ALREADY_EXISTS.withDescription(
          "this session already submitted for " + type.name() + " "
              + Long.toUnsignedString(round));
      case CLOSED -> Status.FAILED_PRECONDITION.withDescription(
          "too late for " + type.name() + " " + Long.toUnsignedString(round)
              + ": its window just closed");
    };
  }

  /** Whether the round's result may still come: it is collecting or in the chain. */
  boolean pending(long round) {
    Collecting<P> open = collecting;
    return open != null && open.opened().round() == round || mixing.contains(round);
  }

  /** The round collecting now, or -1 between rounds or while the chain is down. */
  long collectingRound() {
    Collecting<P> open = collecting;
    return open == null ? -1 : open.opened().round();
  }

  private void mix(Opened<P> opened, RoundCollection.Closed closed) {
    long start = System.nanoTime();
    long closedAt = clock.millis();
    long round = closed.round();
    mixing.add(round);
    CompletableFuture<R> call = type.mix(round, opened.parameters(), closed.onions())
        .orTimeout(hopTimeoutMs, TimeUnit.MILLISECONDS);
    inFlight.add(call);
    call.handle((result, error) -> {
      try {
        if (error == null) {
          type.delivered(new RoundType.Finished<>(round, opened.parameters(), closed,
              opened.openMs(), millisSince(start), closedAt), result);
          return null;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof Chain.HopFailure f) {
          abort(round, opened.parameters(), closed, f.cause, f.getMessage(), opened.openMs(),
              millisSince(start), closedAt);
        } else {
          abort(round, opened.parameters(), closed, AbortCause.ABORT_CAUSE_MIX_TIMEOUT,
              "the chain did not answer within " + hopTimeoutMs + " ms", opened.openMs(),
              millisSince(start), closedAt);
        }
        return null;
      } finally {
        mixing.remove(round);
        inFlight.remove(call);
      }
    });
  }

  private void abort(long round, P parameters, RoundCollection.Closed closed, AbortCause cause,
      String reason, long openMs, long mixMs, long closedAt) {
    log.warn("{} {} aborted: {}", type.name(), round, reason);
    type.closeRound(round, reason);
    sessions.broadcast(type.aborted(round, cause, reason));
    type.failed(new RoundType.Finished<>(round, parameters, closed, openMs, mixMs, closedAt),
        cause, reason);
  }

  /**
   * Graceful stop: no new rounds; the collecting round is aborted (its clients send again
   * elsewhere or later); rounds already in the chain get up to the hop timeout to finish.
   */
  @Override
  public void close() {
    if (schedule != null) {
      schedule.stop(hopTimeoutMs);
    }
    Collecting<P> open;
    List<Opening<P>> unannounced;
    synchronized (this) {
      stopped = true;
      open = collecting;
      collecting = null;
      unannounced = List.copyOf(ahead);
      ahead.clear();
    }
    for (Opening<P> o : unannounced) {
      o.keys().thenAccept(opened -> unannounced(opened, "the coordinator is shutting down"));
    }
    if (open != null) {
      open.collection().close();
      abort(open.opened().round(), open.opened().parameters(),
          RoundCollection.Closed.empty(open.opened().round(), type.onionsPerSession()),
          AbortCause.ABORT_CAUSE_SHUTDOWN, "the coordinator is shutting down", 0, 0,
          clock.millis());
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(hopTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("stopped with {}s still in the chain: {}", type.name(), e.toString());
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
