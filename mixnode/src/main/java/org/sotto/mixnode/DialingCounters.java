package org.sotto.mixnode;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.core.wire.RejectedInputException;

/**
 * Running totals of a mix node's dialing rounds, kept apart from the conversation counters so
 * operators can see each kind: onions in, drops per reason and duplicates, noise invitations
 * added, and at the last mix the requests it discarded (cover to the no-op bucket, or a bucket out
 * of range).
 */
public final class DialingCounters {
  private final Map<RejectedInputException.Reason, LongAdder> drops =
      new EnumMap<>(RejectedInputException.Reason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder onionsIn = new LongAdder();
  private final LongAdder noiseAdded = new LongAdder();
  private final LongAdder noOp = new LongAdder();
  private final LongAdder outOfRange = new LongAdder();
  private final LongAdder roundsMixed = new LongAdder();
  private final LongAdder roundsClosedUnmixed = new LongAdder();

  public DialingCounters() {
    for (RejectedInputException.Reason r : RejectedInputException.Reason.values()) {
      drops.put(r, new LongAdder());
    }
  }

  void dropped(RejectedInputException.Reason reason) {
    drops.get(reason).increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void received(int onions) {
    onionsIn.add(onions);
  }

  void noise(long invitations) {
    noiseAdded.add(invitations);
  }

  void noOp() {
    noOp.increment();
  }

  void outOfRange() {
    outOfRange.increment();
  }

  void mixed() {
    roundsMixed.increment();
  }

  void closedUnmixed() {
    roundsClosedUnmixed.increment();
  }

  public long drops(RejectedInputException.Reason reason) {
    return drops.get(reason).sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long onionsIn() {
    return onionsIn.sum();
  }

  /** Noise invitations this mix added, over all buckets and dialing rounds. */
  public long noiseAdded() {
    return noiseAdded.sum();
  }

  /** Cover requests to the no-op bucket the last mix discarded. */
  public long noOpDiscarded() {
    return noOp.sum();
  }

  /** Requests naming a bucket the round does not have, discarded by the last mix. */
  public long outOfRangeDiscarded() {
    return outOfRange.sum();
  }

  public long roundsMixed() {
    return roundsMixed.sum();
  }

  public long roundsClosedUnmixed() {
    return roundsClosedUnmixed.sum();
  }
}
