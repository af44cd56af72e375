package org.sotto.deaddrop;

import io.grpc.Status;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The rounds this shard has exchanged, so it exchanges each at most once (deaddrop.proto): an
 * answer to a replayed batch would let whoever sends it test which dead-drop IDs were paired.
 * Rounds older than the newest exchanged round minus {@link #WINDOW} are refused outright, so the
 * memory stays bounded without ever forgetting a round that could still be replayed.
 */
final class ExchangedRounds {
  /** How many rounds behind the newest one a late batch may still be (rounds run in order). */
  static final long WINDOW = 64;

  private final NavigableSet<Long> exchanged = new ConcurrentSkipListSet<>(Long::compareUnsigned);

  /**
   * Claims {@code round} for one exchange.
   *
   * @throws io.grpc.StatusRuntimeException FAILED_PRECONDITION if it was exchanged already or is
   *     older than the window
   */
  synchronized void claim(long round) {
    if (!exchanged.isEmpty()) {
      long newest = exchanged.last();
      if (Long.compareUnsigned(round, newest) < 0
          && Long.compareUnsigned(newest - round, WINDOW) > 0) {
        throw Status.FAILED_PRECONDITION.withDescription("round " + Long.toUnsignedString(round)
            + " is more than " + WINDOW + " rounds older than round "
            + Long.toUnsignedString(newest) + ", which this shard has exchanged already")
            .asRuntimeException();
      }
    }
    if (!exchanged.add(round)) {
      throw Status.FAILED_PRECONDITION.withDescription("round " + Long.toUnsignedString(round)
          + " was exchanged here already; each round is exchanged once").asRuntimeException();
    }
    long newest = exchanged.last();
    if (Long.compareUnsigned(newest, WINDOW) > 0) {
      exchanged.headSet(newest - WINDOW, false).clear();
    }
  }
}
