package org.sotto.launcher.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.core.cluster.ClusterDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto bots}: the demo's bot clients against a running cluster, found through its
 * descriptor: pairs chatting for {@code --rounds} rounds, then a drain, then the same verdict as
 * the demo (exit 1 unless every message arrived intact, in order, exactly once). Operators use it
 * as a smoke test of a real deployment; the multi-host test drives its cluster with it.
 */
@Command(name = "bots", mixinStandardHelpOptions = true,
    description = "Drive a running cluster with chatting bot clients and check every message "
        + "arrives.")
public final class BotsCommand implements Callable<Integer> {
  private static final int DRAIN_ROUNDS = 15;

  @Option(names = "--descriptor", required = true, description = "the cluster's descriptor.yaml")
  Path descriptorFile;

  @Option(names = "--pairs", defaultValue = "10", description = "pairs of bots (default: ${DEFAULT-VALUE})")
  int pairs;

  @Option(names = "--rounds", defaultValue = "20", description = "rounds to chat before draining (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--stats-json", description = "write the totals to this JSON file")
  Path statsJson;

  @Option(names = "--patience-seconds", description = "stop when no round ends for this long "
      + "(default: 15 round intervals); a fault test that partitions a node needs longer")
  Long patienceSeconds;

  @Override
  public Integer call() throws Exception {
    if (pairs < 1 || rounds < 1) {
      System.err.println("--pairs and --rounds must be at least 1");
      return 2;
    }
    ClusterDescriptor descriptor = ClusterDescriptor.load(descriptorFile);
    long interval = descriptor.roundIntervalMs();
    long patienceMs = patienceSeconds != null ? patienceSeconds * 1000 : interval * 15;
    BotStats stats = new BotStats();
    RoundTally tally = new RoundTally();
    System.out.printf("%d bot pairs against cluster '%s' (coordinator %s, %d ms rounds)%n",
        pairs, descriptor.name(), descriptor.coordinator(), interval);
    try (BotFleet fleet = BotFleet.create(descriptor, pairs,
        System.currentTimeMillis() / interval, stats, () -> tally)) {
      fleet.start();
      System.out.println("round        delivered  pending  outcome");
      int seen = 0;
      int drained = 0;
      while (true) {
        RoundTally.RoundEnd end = tally.ends().poll(patienceMs, TimeUnit.MILLISECONDS);
        if (end == null) {
          System.out.println("no round ended for " + patienceMs + " ms; stopping");
          break;
        }
        seen++;
        boolean sending = seen <= rounds;
        System.out.printf("%-12d %9d %8d  %s%n", end.round(),
            stats.receivedThisRound.getAndSet(0), fleet.pending(),
            end.delivered() ? (sending ? "ok" : "ok (draining)") : "aborted: " + end.reason());
        if (end.delivered()) {
          stats.roundsDelivered.incrementAndGet();
        } else {
          stats.roundsAborted.incrementAndGet();
        }
        if (sending) {
          fleet.topUp();
        } else if (fleet.pending() == 0 || ++drained >= DRAIN_ROUNDS) {
          break;
        }
      }
    }
    return DeliveryCheck.report(stats, statsJson);
  }
}
