package org.sotto.coordinator;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sotto.proto.AbortCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What conversation rounds and dialing rounds share at the coordinator: one thread that ticks at a
 * fixed interval, wall-clock round numbers, the batches still in the chain (each bounded by the
 * hop timeout, a failure classified by its cause), and the graceful stop that lets those batches
 * finish.
 */
final class RoundClock {
  private static final Logger log = LoggerFactory.getLogger(RoundClock.class);

  /** Why a batch sent into the chain came back without a result. */
  record Failure(AbortCause cause, String reason) {}

  private final String kind;
  private final long hopTimeoutMs;
  private final ScheduledExecutorService ticker;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private long lastRound;

  /** @param kind the rounds' name in thread names and logs ("round", "dialing") */
  RoundClock(String kind, long hopTimeoutMs) {
    this.kind = kind;
    this.hopTimeoutMs = hopTimeoutMs;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, kind + "-ticker"));
  }

  /** Runs {@code tick} now and every {@code intervalMs}; a tick that throws is logged, not fatal. */
  void start(long intervalMs, Runnable tick) {
    ticker.scheduleAtFixedRate(() -> {
      try {
        tick.run();
      } catch (RuntimeException e) { // never let the ticker die
        log.error("{} tick failed", kind, e);
      }
    }, 0, intervalMs, TimeUnit.MILLISECONDS);
  }

  /**
   * The next round number: the current wall-clock slot of {@code intervalMs}, so numbers keep
   * increasing across coordinator restarts, and never one already used. Ticker thread only.
   */
  long nextRound(long intervalMs) {
    lastRound = Math.max(lastRound + 1, System.currentTimeMillis() / intervalMs);
    return lastRound;
  }

  /**
   * Waits, without blocking the ticker, for a batch the chain is mixing: {@code delivered} gets
   * the result, or {@code failed} the hop's failure or the timeout.
   *
   * @return completes once the callback has run
   */
  <T> CompletableFuture<Void> await(CompletableFuture<T> mixing, Consumer<T> delivered,
      Consumer<Failure> failed) {
    CompletableFuture<T> call = mixing.orTimeout(hopTimeoutMs, TimeUnit.MILLISECONDS);
    inFlight.add(call);
    return call.handle((result, error) -> {
      inFlight.remove(call);
      if (error == null) {
        delivered.accept(result);
        return null;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      failed.accept(cause instanceof Chain.HopFailure f
          ? new Failure(f.cause, f.getMessage())
          : new Failure(AbortCause.ABORT_CAUSE_MIX_TIMEOUT,
              "the chain did not answer within " + hopTimeoutMs + " ms"));
      return null;
    });
  }

  /**
   * Graceful stop: no more ticks; {@code abortCollecting} ends the round that was collecting;
   * batches already in the chain get up to the hop timeout to finish.
   */
  void stop(Runnable abortCollecting) {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(hopTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    abortCollecting.run();
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(hopTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("stopped with {} rounds still in the chain: {}", kind, e.toString());
    }
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
