package org.sotto.mixnode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The rounds open at one mix for one kind, and the guarantee that a round's private key is
 * erased however it leaves: mixed, closed, expired, replaced or evicted. Every removal, whatever
 * its cause, goes through one listener that destroys the key.
 *
 * <p>A round that is never closed leaves after its {@link Timing#lifetime()} even on an idle mix:
 * Caffeine expires entries only when the cache is used, unless it has a {@link Scheduler} to wake
 * it at the next expiry, so the table always has one. The listener runs on the thread that removes
 * (the caller, or the scheduler's), so the key is gone when the removal returns.
 */
final class RoundTable<S> {
  private final Cache<Long, MixRound<S>> rounds;

  /**
   * How long a round may stay open, and the clock and wake-up that enforce it; tests inject a
   * fake ticker and a scheduler they run by hand, as Caffeine's own tests do.
   */
  record Timing(Duration lifetime, Ticker ticker, Scheduler scheduler) {
    static final Duration ROUND_LIFETIME = Duration.ofMinutes(2);

    static Timing system() {
      return new Timing(ROUND_LIFETIME, Ticker.systemTicker(), Scheduler.systemScheduler());
    }
  }

  /** {@code ended} hears of each round after its key was erased. */
  RoundTable(Timing timing, Consumer<MixRound<S>> ended) {
    this.rounds = Caffeine.newBuilder()
        .expireAfterWrite(timing.lifetime())
        .ticker(timing.ticker())
        .scheduler(timing.scheduler())
        .executor(Runnable::run)
        .<Long, MixRound<S>>removalListener((round, open, cause) -> {
          if (open != null) {
            open.erase();
            ended.accept(open);
          }
        })
        .build();
  }

  /** The round, if it is open here and its lifetime has not run out. */
  MixRound<S> get(long round) {
    return rounds.getIfPresent(round);
  }

  long size() {
    return rounds.estimatedSize();
  }

  /** A live view; a removal through it is a removal like any other (the key is erased). */
  ConcurrentMap<Long, MixRound<S>> asMap() {
    return rounds.asMap();
  }

  /** Runs pending expiries now; the scheduler does this on its own. */
  void cleanUp() {
    rounds.cleanUp();
  }
}
