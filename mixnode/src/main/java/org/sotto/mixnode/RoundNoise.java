package org.sotto.mixnode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One round's noise, drawn: its payloads, and the wrapped items once made. Made once, by whoever
 * begins first: the noise-ahead thread while the window collects, or the round's batch when it
 * arrives first. A batch never waits for noise that is only queued behind other rounds' noise on
 * the noise-ahead thread; it makes it itself and the queued task does nothing.
 */
final class RoundNoise {
  private final RoundKindService.NoisePayloads payloads;
  private final AtomicBoolean begun = new AtomicBoolean();
  private final CompletableFuture<byte[][]> items = new CompletableFuture<>();

  RoundNoise(RoundKindService.NoisePayloads payloads) {
    this.payloads = payloads;
  }

  int count() {
    return payloads.count();
  }

  long[] draws() {
    return payloads.draws();
  }

  /** Completes when the noise is made, or fails as its making did. */
  CompletableFuture<byte[][]> items() {
    return items;
  }

  /** Makes the noise with {@code make}, on this thread, unless someone has begun already. */
  void makeUnlessBegun(Function<RoundKindService.NoisePayloads, byte[][]> make) {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    try {
      items.complete(make.apply(payloads));
    } catch (RuntimeException e) {
      items.completeExceptionally(e);
    }
  }

  /** The round is over unmixed: nobody need make the noise any more. */
  void drop() {
    begun.set(true);
    items.cancel(false);
  }
}
