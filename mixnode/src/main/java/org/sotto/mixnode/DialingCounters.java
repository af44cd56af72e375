package org.sotto.mixnode;

import java.util.concurrent.atomic.LongAdder;

/**
 * A mix node's dialing-round totals: those of {@link BatchCounters} (noise counted in
 * invitations, over all buckets), and at the last mix the requests it discarded: cover to the
 * no-op bucket, or a bucket out of range.
 */
public final class DialingCounters extends BatchCounters {
  private final LongAdder noOp = new LongAdder();
  private final LongAdder outOfRange = new LongAdder();

  void noOp() {
    noOp.increment();
  }

  void outOfRange() {
    outOfRange.increment();
  }

  /** Cover requests to the no-op bucket the last mix discarded. */
  public long noOpDiscarded() {
    return noOp.sum();
  }

  /** Requests naming a bucket the round does not have, discarded by the last mix. */
  public long outOfRangeDiscarded() {
    return outOfRange.sum();
  }
}
