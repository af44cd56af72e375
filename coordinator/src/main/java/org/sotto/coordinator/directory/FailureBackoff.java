package org.sotto.coordinator.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Failed password checks per key (an account at one address) with exponential backoff: the first
 * {@code free} failures cost nothing; after that each failure makes the key wait
 * {@code base · 2^(failures − free)}, at most {@code max}, before it may try again. A success
 * forgets the key. Keying by account <em>and</em> address is what keeps a stranger from locking
 * the owner out: the stranger's failures slow only the stranger's own address, while password
 * guessing from one address slows down exponentially. A key is forgotten {@code max} after its
 * last failure, so memory stays bounded by the keys seen recently (and by {@code maxKeys}).
 */
final class FailureBackoff {
  private final int free;
  private final long baseNanos;
  private final long maxNanos;
  private final Ticker ticker;
  private final Cache<String, State> states;

  private static final class State {
    int failures;
    long blockedUntilNanos;
  }

  FailureBackoff(int free, Duration base, Duration max, long maxKeys, Ticker ticker) {
    this.free = free;
    this.baseNanos = base.toNanos();
    this.maxNanos = Math.max(baseNanos, max.toNanos());
    this.ticker = ticker;
    this.states = Caffeine.newBuilder().maximumSize(maxKeys).ticker(ticker)
        .expireAfterWrite(Duration.ofNanos(2 * maxNanos)).build();
  }

  /** Seconds until {@code key} may try again (rounded up), or 0 when it may try now. */
  long retryAfterSeconds(String key) {
    State s = states.getIfPresent(key);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      long left = s.blockedUntilNanos - ticker.read();
      return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    }
  }

  /** Counts one failure by {@code key} and starts its wait once the free failures are spent. */
  void failed(String key) {
    State s = states.get(key, k -> new State());
    synchronized (s) {
      s.failures++;
      int over = s.failures - free;
      if (over >= 0) {
        long wait = over >= 62 ? maxNanos : Math.min(maxNanos, baseNanos << Math.min(over, 40));
        s.blockedUntilNanos = ticker.read() + (wait < 0 ? maxNanos : wait);
      }
    }
    states.put(key, s); // refreshes the entry's lifetime
  }

  /** Forgets {@code key}'s failures (a successful login). */
  void succeeded(String key) {
    states.invalidate(key);
  }
}
