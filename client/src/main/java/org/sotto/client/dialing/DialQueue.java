package org.sotto.client.dialing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outgoing calls in order: waiting for a dialing round, or in one. A client sends one dialing
 * onion per round, so one call goes out per round; a call whose round is aborted, refused or lost
 * to a disconnect goes back to the front.
 */
final class DialQueue {
  /** Dialing rounds a call may take before it fails (a minute and a half at the default). */
  static final int MAX_ATTEMPTS = 10;

  private final Deque<OutgoingCall> waiting = new ArrayDeque<>();
  private final Map<Long, OutgoingCall> inFlight = new HashMap<>();

  synchronized void add(OutgoingCall call) {
    waiting.addLast(call);
  }

  /** The next call, now in flight in {@code dialingRound}; empty when nobody is to be called. */
  synchronized Optional<OutgoingCall> take(long dialingRound) {
    OutgoingCall call = waiting.pollFirst();
    if (call != null) {
      call.attempt();
      inFlight.put(dialingRound, call);
    }
    return Optional.ofNullable(call);
  }

  /** The call in flight in {@code dialingRound}, if any. */
  synchronized Optional<OutgoingCall> inFlight(long dialingRound) {
    return Optional.ofNullable(inFlight.get(dialingRound));
  }

  /** The round's buckets are out: its call reached the callee's bucket. */
  synchronized void delivered(long dialingRound) {
    OutgoingCall call = inFlight.remove(dialingRound);
    if (call != null) {
      call.reachedBucket();
    }
  }

  /** The round produced no buckets for this call; returns the call if it goes out again. */
  synchronized Optional<OutgoingCall> retry(long dialingRound, String why) {
    OutgoingCall call = inFlight.remove(dialingRound);
    return call == null ? Optional.empty() : requeue(call, why);
  }

  /** Forgets the round's call without sending it again (it failed for good). */
  synchronized void drop(long dialingRound) {
    inFlight.remove(dialingRound);
  }

  /** Calls waiting or in flight. */
  synchronized int size() {
    return waiting.size() + inFlight.size();
  }

  /** Every call in flight goes out again (the session ended, so their rounds are unknown). */
  synchronized List<OutgoingCall> retryAll(String why) {
    List<OutgoingCall> again = new ArrayList<>();
    for (OutgoingCall call : List.copyOf(inFlight.values())) {
      requeue(call, why).ifPresent(again::add);
    }
    inFlight.clear();
    return again;
  }

  private Optional<OutgoingCall> requeue(OutgoingCall call, String why) {
    if (call.attempts() >= MAX_ATTEMPTS) {
      call.failed("no dialing round succeeded in " + MAX_ATTEMPTS + " tries; last: " + why);
      return Optional.empty();
    }
    waiting.addFirst(call);
    return Optional.of(call);
  }
}
