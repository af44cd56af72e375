package org.sotto.coordinator.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts attempts per key (a username, an address) in fixed windows: the first attempt opens a
 * window of {@code window}; once {@code limit} attempts are in it, the key is refused until the
 * window ends. Entries expire with their window, so memory stays bounded by the keys seen
 * recently (and by {@code maxKeys}, beyond which Caffeine evicts the least useful).
 */
final class AttemptLimiter {
  private final int limit;
  private final Cache<String, AtomicInteger> counts;

  AttemptLimiter(int limit, Duration window, long maxKeys, Ticker ticker) {
    this.limit = limit;
    long windowNanos = window.toNanos();
    this.counts = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .ticker(ticker)
        .expireAfter(new Expiry<String, AtomicInteger>() {
          @Override
          public long expireAfterCreate(String key, AtomicInteger value, long now) {
            return windowNanos;
          }

          @Override
          public long expireAfterUpdate(String key, AtomicInteger value, long now, long left) {
            return left;
          }

          @Override
          public long expireAfterRead(String key, AtomicInteger value, long now, long left) {
            return left;
          }
        })
        .build();
  }

  /** Seconds until {@code key} may try again (rounded up), or 0 when it may try now. */
  long retryAfterSeconds(String key) {
    AtomicInteger n = counts.getIfPresent(key);
    if (n == null || n.get() < limit) {
      return 0;
    }
    long nanos = counts.policy().expireVariably()
        .flatMap(p -> p.getExpiresAfter(key)).map(Duration::toNanos).orElse(0L);
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
  }

  /** Counts one attempt by {@code key}. */
  void record(String key) {
    counts.get(key, k -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * Counts one attempt and says whether it was within the limit: for request rates, where the
   * attempt itself is what is limited.
   *
   * @return 0 when allowed, otherwise seconds until the key may try again
   */
  long acquire(String key) {
    long wait = retryAfterSeconds(key);
    if (wait > 0) {
      return wait;
    }
    record(key);
    return 0;
  }

  /** Forgets {@code key}'s attempts (a successful login clears that account's failures). */
  void reset(String key) {
    counts.invalidate(key);
  }
}
