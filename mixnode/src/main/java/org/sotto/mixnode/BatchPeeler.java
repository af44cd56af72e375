package org.sotto.mixnode;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * Step 1 of every mix round, conversation or dialing: drop within-round duplicates (same
 * ephemeral key, docs/protocol.md §6.3) before spending an X25519 on them, then peel every other
 * onion on all cores. A replayed onion would otherwise come out of the shuffle twice and let an
 * observer follow it.
 */
final class BatchPeeler {
  private BatchPeeler() {}

  /**
   * @return one entry per onion, null where the onion was a duplicate or was rejected
   */
  static PeeledLayer[] peelAll(byte[][] onions, OnionPeeler peeler, ForkJoinPool pool,
      Consumer<RejectedInputException.Reason> dropped, Runnable duplicate) {
    boolean[] duplicates = markDuplicates(onions, duplicate);
    PeeledLayer[] peeled = new PeeledLayer[onions.length];
    pool.submit(() -> IntStream.range(0, onions.length).parallel().forEach(i -> {
      if (duplicates[i]) {
        return;
      }
      try {
        peeled[i] = peeler.peel(onions[i]);
      } catch (RejectedInputException e) {
        dropped.accept(e.reason());
      }
    })).join();
    return peeled;
  }

  private static boolean[] markDuplicates(byte[][] onions, Runnable duplicate) {
    boolean[] marked = new boolean[onions.length];
    Set<ByteBuffer> seen = new HashSet<>(onions.length * 2);
    for (int i = 0; i < onions.length; i++) {
      if (onions[i].length < WireSizes.X25519_KEY) {
        continue; // the peeler rejects and counts it
      }
      if (!seen.add(ByteBuffer.wrap(onions[i], 0, WireSizes.X25519_KEY).slice())) {
        marked[i] = true;
        duplicate.run();
      }
    }
    return marked;
  }
}
