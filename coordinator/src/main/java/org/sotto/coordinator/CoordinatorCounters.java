package org.sotto.coordinator;

import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.proto.AbortCause;

/** Running totals of the coordinator: rounds by outcome and cause, rejected submissions. */
public final class CoordinatorCounters implements RoundListener {
  private final LongAdder roundsDelivered = new LongAdder();
  private final Map<AbortCause, LongAdder> aborted = new ConcurrentHashMap<>();
  private final Map<Status.Code, LongAdder> rejected = new ConcurrentHashMap<>();

  @Override
  public void roundFinished(RoundOutcome outcome) {
    if (outcome.delivered()) {
      roundsDelivered.increment();
    } else {
      aborted.computeIfAbsent(outcome.cause(), c -> new LongAdder()).increment();
    }
  }

  void reject(Status.Code code) {
    rejected.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  public long roundsDelivered() {
    return roundsDelivered.sum();
  }

  public long roundsAborted() {
    return aborted.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long roundsAborted(AbortCause cause) {
    LongAdder a = aborted.get(cause);
    return a == null ? 0 : a.sum();
  }

  /** Submissions refused with {@code code} (e.g. ALREADY_EXISTS for a duplicate). */
  public long rejected(Status.Code code) {
    LongAdder a = rejected.get(code);
    return a == null ? 0 : a.sum();
  }
}
