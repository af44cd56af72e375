package org.sotto.launcher.demo;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.sotto.client.round.ParticipantListener;

/**
 * Rounds as a fleet of clients saw them: every bot reports every round, this keeps the first
 * report of each, so a caller outside the cluster gets one event per round.
 */
final class RoundTally implements ParticipantListener {
  /** One round's end, as the clients learnt it. */
  record RoundEnd(long round, boolean delivered, String reason) {}

  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<RoundEnd> ends = new LinkedBlockingQueue<>();

  @Override
  public void roundCompleted(long round) {
    if (seen.add(round)) {
      ends.add(new RoundEnd(round, true, ""));
    }
  }

  @Override
  public void roundAborted(long round, String reason) {
    if (seen.add(round)) {
      ends.add(new RoundEnd(round, false, reason));
    }
  }

  BlockingQueue<RoundEnd> ends() {
    return ends;
  }
}
