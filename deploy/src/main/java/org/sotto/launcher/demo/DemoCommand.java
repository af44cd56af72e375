package org.sotto.launcher.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sotto.testkit.bots.BotFleet;
import org.sotto.testkit.bots.BotStats;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.simulations.privacy.Protection;
import org.sotto.simulations.privacy.ProtocolPrivacy;
import org.sotto.simulations.privacy.RoundCadence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto demo}: a whole cluster on localhost (coordinator, mix nodes, dead-drop shards, each
 * a real gRPC server with TLS) and bot clients in pairs exchanging numbered messages, one line per
 * round. After {@code --rounds} it stops queueing, lets the outboxes drain, checks that every
 * message arrived intact, in order, exactly once, and exits non-zero if not.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a local demo cluster with chatting bot clients.")
public final class DemoCommand implements Callable<Integer> {
  private static final int DRAIN_ROUNDS = 12;

  @Option(names = "--users", defaultValue = "100", description = "bot clients, in pairs (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--rounds", defaultValue = "0", description = "stop after this many rounds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--round-interval-ms", defaultValue = "2000", description = "round length (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--mixnodes", defaultValue = "3", description = "mix nodes (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "2", description = "dead-drop shards (default: ${DEFAULT-VALUE})")
  int deaddrops;

  @Option(names = "--noise-mu", defaultValue = "100", description = "Laplace mu per mix per round (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "10", description = "Laplace b (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--stats-json", description = "write the totals to this JSON file")
  Path statsJson;

  @Override
  public Integer call() throws Exception {
    if (users < 2 || users % 2 != 0) {
      System.err.println("--users must be an even number of at least 2 (bots chat in pairs)");
      return 2;
    }
    Path dir = Files.createTempDirectory("sotto-demo-");
    BotStats stats = new BotStats();
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    try (LocalCluster cluster = LocalCluster.start(dir, mixnodes, deaddrops, intervalMs, 1, mu,
        b)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      System.out.printf("Sotto demo: %d mix nodes, %d dead-drop shards, %d users, TLS on "
          + "localhost; cluster files in %s%n", mixnodes, deaddrops, users, dir);
      System.out.printf("Clients join with the descriptor %s (e.g. sotto gui --descriptor %s)%n",
          cluster.files().descriptor(), cluster.files().descriptor());
      System.out.println("Demo noise, light for speed on one machine: " + Protection.of(
          ProtocolPrivacy.CONVERSATION, mu, b, new RoundCadence(intervalMs, 1), 2, 1e-4)
          .sentence("a conversation") + "; a real cluster needs the noise 'cluster init' "
          + "solves (docs/operator-guide.md).");
      long anchor = System.currentTimeMillis() / intervalMs;
      try (BotFleet fleet = BotFleet.create(cluster.descriptor(), users / 2, anchor, stats)) {
        fleet.start();
        run(cluster, stats, outcomes, fleet);
      }
    }
    return DeliveryCheck.report(stats, statsJson);
  }

  private void run(LocalCluster cluster, BotStats stats,
      LinkedBlockingQueue<RoundOutcome> outcomes, BotFleet fleet) throws InterruptedException {
    System.out.println("round        users  noise  latency  delivered  outcome");
    long lastNoise = noise(cluster);
    int seen = 0;
    int drained = 0;
    while (true) {
      RoundOutcome o = outcomes.poll(intervalMs * 10, TimeUnit.MILLISECONDS);
      if (o == null) {
        System.out.println("no round finished for " + intervalMs * 10 + " ms; stopping");
        return;
      }
      seen++;
      long noiseNow = noise(cluster);
      if (o.delivered()) {
        stats.roundsDelivered.incrementAndGet();
        stats.roundLatency(o.mixMs());
      } else {
        stats.roundsAborted.incrementAndGet();
      }
      boolean sending = rounds == 0 || seen <= rounds;
      System.out.printf("%-12d %5d %6d %6d ms %9d  %s%n", o.round(), o.clients(),
          noiseNow - lastNoise, o.mixMs(), stats.receivedThisRound.getAndSet(0),
          o.delivered() ? (sending ? "ok" : "ok (draining)") : "aborted: " + o.reason());
      lastNoise = noiseNow;
      if (sending) {
        fleet.topUp();
      } else {
        drained++;
        if (fleet.pending() == 0 || drained >= DRAIN_ROUNDS) {
          return;
        }
      }
    }
  }

  private static long noise(LocalCluster cluster) {
    return cluster.mixes().stream().mapToLong(m -> m.counters().noiseAdded()).sum();
  }
}
