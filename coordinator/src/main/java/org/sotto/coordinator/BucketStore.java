package org.sotto.coordinator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sotto.core.rpc.Buckets;

/**
 * The buckets of the latest few dialing rounds, which clients download with FetchBucket. Keeping
 * a few rounds lets a client that was briefly away catch up; older rounds are dropped, oldest
 * first, so memory stays bounded.
 */
final class BucketStore {
  private final int rounds;
  private final Map<Long, Buckets> byRound;

  BucketStore(int rounds) {
    this.rounds = rounds;
    this.byRound = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Buckets> eldest) {
        return size() > BucketStore.this.rounds;
      }
    };
  }

  /** How many dialing rounds a round's buckets stay available for. */
  int retainedRounds() {
    return rounds;
  }

  synchronized void put(Buckets buckets) {
    byRound.put(buckets.round(), buckets);
  }

  synchronized Optional<Buckets> get(long round) {
    return Optional.ofNullable(byRound.get(round));
  }
}
