package org.sotto.mixnode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * Step 1 of every mix round, whatever its kind: drop within-round duplicates (same ephemeral key,
 * docs/protocol.md §6.3) before spending an X25519 on them, then peel every other onion on all
 * cores. A replayed onion would otherwise come out of the shuffle twice and let an observer
 * follow it.
 *
 * <p>The peel need not wait for the whole batch: {@link #arrived} takes the onions chunk by chunk
 * as they stream in and peels each chunk while the next ones are still on the wire; {@link
 * #finish} then only waits for the last chunk. Duplicates are judged in arrival order, so the
 * first of equal ephemeral keys is kept however the batch was chunked.
 */
final class BatchPeeler {
  private final OnionPeeler peeler;
  private final ForkJoinPool pool;
  private final BatchCounters counters;
  private final PeeledLayer[] peeled;
  private final Set<ByteBuffer> seen;
  private final List<ForkJoinTask<?>> tasks = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  /** The array the batch is assembled in; the peel belongs to that batch only. */
  private byte[][] items;
  private int arrived;

  /** Peels a batch of {@code count} onions that will arrive through {@link #arrived}. */
  BatchPeeler(OnionPeeler peeler, ForkJoinPool pool, BatchCounters counters, int count) {
    this.peeler = peeler;
    this.pool = pool;
    this.counters = counters;
    this.peeled = new PeeledLayer[count];
    this.seen = new HashSet<>(count * 2);
  }

  /**
   * Peels a whole batch at once.
   *
   * @return one entry per onion, null where the onion was a duplicate or was rejected (counted)
   */
  static PeeledLayer[] peelAll(byte[][] onions, OnionPeeler peeler, ForkJoinPool pool,
      BatchCounters counters) {
    BatchPeeler batch = new BatchPeeler(peeler, pool, counters, onions.length);
    batch.arrived(onions, 0, onions.length);
    return batch.finish();
  }

  /**
   * Onions {@code [first, first + n)} of {@code items} have arrived: drop duplicates and start
   * peeling the rest. Chunks must come in order and all from the same array; anything else is
   * ignored and leaves the peel {@link #covers incomplete}.
   */
  synchronized void arrived(byte[][] items, int first, int n) {
    if (first != arrived || first + n > peeled.length
        || (this.items != null && this.items != items)) {
      return;
    }
    this.items = items;
    arrived += n;
    boolean[] duplicate = new boolean[n];
    for (int i = 0; i < n; i++) {
      duplicate[i] = isDuplicate(items[first + i]);
    }
    tasks.add(pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
      if (!duplicate[i]) {
        peeled[first + i] = peelOne(items[first + i]);
      }
    })));
  }

  /** Whether every onion of exactly this batch has arrived here. */
  synchronized boolean covers(byte[][] batch) {
    return items == batch && arrived == peeled.length;
  }

  /** When the first chunk started peeling, for the round's PEEL time. */
  long startNanos() {
    return startNanos;
  }

  /**
   * Waits for every chunk's peel.
   *
   * @return one entry per onion, null where the onion was a duplicate or was rejected (counted)
   */
  PeeledLayer[] finish() {
    List<ForkJoinTask<?>> started;
    synchronized (this) {
      started = List.copyOf(tasks);
    }
    started.forEach(ForkJoinTask::join);
    return peeled;
  }

  private boolean isDuplicate(byte[] onion) {
    if (onion.length < WireSizes.X25519_KEY) {
      return false; // the peeler rejects and counts it
    }
    if (!seen.add(ByteBuffer.wrap(onion, 0, WireSizes.X25519_KEY).slice())) {
      counters.duplicate();
      return true;
    }
    return false;
  }

  private PeeledLayer peelOne(byte[] onion) {
    try {
      return peeler.peel(onion);
    } catch (RejectedInputException e) {
      counters.dropped(e.reason());
      return null;
    }
  }
}
