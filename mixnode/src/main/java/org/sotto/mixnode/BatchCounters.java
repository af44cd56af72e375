package org.sotto.mixnode;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.core.wire.RejectedInputException;

/**
 * The running totals every kind of round keeps at a mix, for operators and the metrics export:
 * onions in, dropped per reason (every {@link RejectedInputException.Reason} plus within-round
 * duplicates), noise added, rounds mixed and rounds closed without mixing. Conversation and
 * dialing rounds each keep their own, so operators can tell them apart.
 */
public abstract class BatchCounters {
  private final Map<RejectedInputException.Reason, LongAdder> drops =
      new EnumMap<>(RejectedInputException.Reason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder onionsIn = new LongAdder();
  private final LongAdder noiseAdded = new LongAdder();
  private final LongAdder roundsMixed = new LongAdder();
  private final LongAdder roundsClosedUnmixed = new LongAdder();

  BatchCounters() {
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

  /** Noise this mix added: requests for conversation rounds, invitations for dialing rounds. */
  void noise(long added) {
    noiseAdded.add(added);
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

  public long noiseAdded() {
    return noiseAdded.sum();
  }

  public long roundsMixed() {
    return roundsMixed.sum();
  }

  public long roundsClosedUnmixed() {
    return roundsClosedUnmixed.sum();
  }
}
