package org.sotto.coordinator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many buckets of one dialing round one IP address may download. FetchBucket needs no session
 * (the fetch must not name who fetches), so without a limit one host could download the same
 * large bucket over and over and take the coordinator's bandwidth. An honest client fetches its
 * own bucket once per round and retries at most twice; an address may hold
 * {@code max-sessions-per-address} sessions, so it gets three fetches per round for each.
 * Counts are kept in a cache bounded by size (100,000 addresses per round whose buckets are
 * served), which forgets the least recently used ones first; there is no eviction by round.
 */
final class BucketFetchLimit {
  /** A client's fetch and its two retries (DialingParticipant.FETCH_ATTEMPTS). */
  static final int FETCHES_PER_SESSION = 3;

  private final int perAddressAndRound;
  private final Cache<String, AtomicInteger> fetches;

  /**
   * @param sessionsPerAddress the coordinator's max-sessions-per-address
   * @param roundsKept how many dialing rounds' buckets are served
   */
  BucketFetchLimit(int sessionsPerAddress, int roundsKept) {
    this.perAddressAndRound = Math.multiplyExact(sessionsPerAddress, FETCHES_PER_SESSION);
    this.fetches = Caffeine.newBuilder().maximumSize(100_000L * Math.max(1, roundsKept)).build();
  }

  /** Counts one fetch; false when {@code address} has used up its fetches of {@code round}. */
  boolean tryFetch(String address, long round) {
    AtomicInteger used = fetches.get(address + "/" + Long.toUnsignedString(round),
        k -> new AtomicInteger());
    return used.incrementAndGet() <= perAddressAndRound;
  }

  int perAddressAndRound() {
    return perAddressAndRound;
  }
}
