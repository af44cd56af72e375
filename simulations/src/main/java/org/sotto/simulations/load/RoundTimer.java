package org.sotto.simulations.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.Map;
import org.sotto.client.round.ParticipantListener;

/**
 * Times rounds as the bots see them: each bot's listener notes when a round's settings arrived and
 * when its replies did. The first bot's listener also feeds {@link #ends()}, one entry per round
 * it saw finish or abort, which paces the run.
 */
final class RoundTimer {
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<Boolean> ends = new LinkedBlockingQueue<>();
  private boolean pacerGiven;

  synchronized ParticipantListener newListener() {
    boolean pacer = !pacerGiven;
    pacerGiven = true;
    Map<Long, Long> openedAt = new ConcurrentHashMap<>();
    return new ParticipantListener() {
      @Override
      public void roundOpened(long round) {
        openedAt.put(round, System.nanoTime());
      }

      @Override
      public void roundCompleted(long round) {
        Long at = openedAt.remove(round);
        if (at != null) {
          latencies.add((System.nanoTime() - at) / 1_000_000);
        }
        if (pacer) {
          ends.add(true);
        }
      }

      @Override
      public void roundAborted(long round, String reason) {
        openedAt.remove(round);
        if (pacer) {
          ends.add(false);
        }
      }
    };
  }

  /** true for a round the pacing bot saw complete, false for an aborted one. */
  BlockingQueue<Boolean> ends() {
    return ends;
  }

  List<Long> latencies() {
    return latencies;
  }
}
