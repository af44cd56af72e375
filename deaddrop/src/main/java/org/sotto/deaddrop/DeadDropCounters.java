package org.sotto.deaddrop;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of a shard: exchanges by outcome, and rounds served. */
public final class DeadDropCounters {
  private final LongAdder pairs = new LongAdder();
  private final LongAdder singles = new LongAdder();
  private final LongAdder overflows = new LongAdder();
  private final LongAdder rounds = new LongAdder();

  void record(DeadDropExchange.Stats stats) {
    pairs.add(stats.pairs());
    singles.add(stats.singles());
    overflows.add(stats.overflows());
    rounds.increment();
  }

  public long pairs() {
    return pairs.sum();
  }

  public long singles() {
    return singles.sum();
  }

  /** Third and later accesses to one dead drop in one round. */
  public long overflows() {
    return overflows.sum();
  }

  public long rounds() {
    return rounds.sum();
  }
}
