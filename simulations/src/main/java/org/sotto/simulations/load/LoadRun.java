package org.sotto.simulations.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.coordinator.RoundOutcome;

/**
 * One load level against a real cluster: {@code users} bot clients (real TLS clients in pairs,
 * each pair in a reliable conversation, {@link BotFleet}) keep messages queued for
 * {@code rounds} rounds, then stop queueing and let the outboxes drain for up to
 * {@link #DRAIN_ROUNDS} rounds, so every message sent is either delivered or counted as lost.
 * Messages per second count deliveries over the measured rounds only.
 */
public final class LoadRun {
  static final int DRAIN_ROUNDS = 10;
  private final LoadTarget target;
  private volatile boolean measuring;
  private final List<Long> mixLatencies = Collections.synchronizedList(new ArrayList<>());

  public LoadRun(LoadTarget target) {
    this.target = target;
    target.addRoundListener(this::coordinatorRound);
  }

  private void coordinatorRound(RoundOutcome outcome) {
    if (measuring && outcome.delivered()) {
      mixLatencies.add(outcome.mixMs());
    }
  }

  /** Runs one level; {@code roundDone} hears each measured round (for a progress bar). */
  public LoadPoint run(int users, int rounds, IntConsumer roundDone) throws Exception {
    if (users < 2 || users % 2 != 0 || rounds < 1) {
      throw new IllegalArgumentException("users must be an even number of at least 2 (bots chat "
          + "in pairs) and rounds at least 1");
    }
    long interval = target.descriptor().roundIntervalMs();
    // Generous: on a busy machine connecting the bots and a round can take many intervals.
    long timeoutMs = Math.max(30_000, interval * 20);
    BotStats stats = new BotStats();
    RoundTimer timer = new RoundTimer();
    mixLatencies.clear();
    long anchor = System.currentTimeMillis() / interval;
    try (BotFleet fleet = BotFleet.create(target.descriptor(), users / 2, anchor, stats,
        timer::newListener)) {
      fleet.start();
      await(timer, 2 * timeoutMs); // the first round the bots see may have started without them
      timer.latencies().clear();
      measuring = true;
      long startNs = System.nanoTime();
      long startCpu = processCpuNanos();
      long deliveredBefore = stats.received.get();
      long aborted = 0;
      for (int r = 1; r <= rounds; r++) {
        aborted += await(timer, timeoutMs) ? 0 : 1;
        fleet.topUp();
        roundDone.accept(r);
      }
      double seconds = (System.nanoTime() - startNs) / 1e9;
      double cpu = target.inProcess() ? (processCpuNanos() - startCpu) / 1e9 / seconds : Double.NaN;
      double rate = (stats.received.get() - deliveredBefore) / seconds;
      measuring = false;
      for (int r = 0; r < DRAIN_ROUNDS && fleet.pending() > 0; r++) {
        await(timer, timeoutMs);
      }
      Map<String, Long> mix = target.inProcess() ? BotStats.percentiles(mixLatencies) : Map.of();
      return new LoadPoint(users, rounds, aborted, BotStats.percentiles(timer.latencies()), mix,
          rate, stats.queued.get(), stats.received.get(), stats.lost(),
          stats.queued.get() - stats.received.get(), cpu);
    }
  }

  private static boolean await(RoundTimer timer, long timeoutMs) throws InterruptedException {
    Boolean completed = timer.ends().poll(timeoutMs, TimeUnit.MILLISECONDS);
    if (completed == null) {
      throw new IllegalStateException("no round finished for " + timeoutMs + " ms: is the "
          + "cluster up and its descriptor current? (check the coordinator's log)");
    }
    return completed;
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime()
        : 0;
  }
}
