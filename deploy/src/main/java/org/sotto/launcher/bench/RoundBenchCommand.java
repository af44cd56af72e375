package org.sotto.launcher.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.client.bots.BotStats;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.launcher.cluster.LocalCluster;
import org.sotto.mixnode.MixCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto bench round}: the latency of a round at N users on this machine — a local cluster
 * (coordinator, 3 mix nodes, 2 dead-drop shards, TLS) and N real clients sending cover onions —
 * broken down by phase. The round interval is long enough that the clients' wrapping is done
 * before the window closes, so what is timed (window close to last reply) is the servers' work.
 */
@Command(name = "round", mixinStandardHelpOptions = true,
    description = "Round latency at N users, by phase, on a local cluster.")
public final class RoundBenchCommand implements Callable<Integer> {
  @Option(names = "--users", defaultValue = "1000", description = "clients (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--noise", defaultValue = "1000", description = "Laplace mu per mix per round (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "0", description = "Laplace b; 0 adds exactly mu (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--rounds", defaultValue = "5", description = "rounds to measure after warm-up (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--round-interval-ms", description = "round length; default scales with users")
  Long intervalMs;

  @Option(names = "--stats-json", description = "write the results to this JSON file")
  Path statsJson;

  @Override
  public Integer call() throws Exception {
    long interval = intervalMs != null ? intervalMs : Math.max(2000, 1500 + users / 3L);
    Path dir = Files.createTempDirectory("sotto-bench-");
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    BenchTraffic traffic = new BenchTraffic();
    List<ManagedChannel> channels = new ArrayList<>();
    List<RoundParticipant> clients = new ArrayList<>();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
        Runtime.getRuntime().availableProcessors());
    List<Long> latencies = new ArrayList<>();
    List<Long> clientLatencies = new ArrayList<>();
    Map<String, Long> phases = new LinkedHashMap<>();
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, interval, 1, mu, b)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      for (int i = 0; i < Math.min(8, users); i++) {
        channels.add(Channels.open(cluster.descriptor().coordinator(),
            TlsContexts.pinned(cluster.descriptor().caCertificate())));
      }
      for (int i = 0; i < users; i++) {
        RoundParticipant p = new RoundParticipant(cluster.descriptor(),
            channels.get(i % channels.size()), X25519Engines.best(), traffic,
            new ParticipantListener() {}, scheduler);
        clients.add(p);
        p.start();
      }
      System.out.printf("bench round: %d users, noise mu=%.0f b=%.0f per mix, 3 mixes, "
          + "2 shards, interval %d ms, %d cores%n", users, mu, b, interval,
          Runtime.getRuntime().availableProcessors());
      System.out.println("round        users  onions  open ms  mix ms  last reply ms");
      int measured = 0;
      int warmup = 0;
      Map<MixCounters.Phase, long[]> before = phaseTotals(cluster);
      while (measured < rounds) {
        RoundOutcome o = outcomes.poll(interval * 20, TimeUnit.MILLISECONDS);
        if (o == null) {
          System.out.println("no round finished; giving up");
          return 1;
        }
        boolean full = o.delivered() && o.clients() == users;
        if (!full && warmup++ < 10) {
          System.out.printf("%-12d %5d  warm-up (%s)%n", o.round(), o.clients(),
              o.delivered() ? "not all clients yet" : o.reason());
          before = phaseTotals(cluster);
          continue;
        }
        Thread.sleep(200); // let the last replies reach the clients
        long lastReply = o.delivered() ? traffic.lastReplyAt(o.round()) - o.windowClosedAtMs()
            : -1;
        System.out.printf("%-12d %5d %7d %8d %7d %14s%s%n", o.round(), o.clients(), o.onions(),
            o.openMs(), o.mixMs(), o.delivered() ? Long.toString(lastReply) : "-",
            o.delivered() ? "" : "  aborted: " + o.reason());
        if (o.delivered()) {
          latencies.add(o.mixMs());
          clientLatencies.add(lastReply);
        }
        measured++;
      }
      Map<MixCounters.Phase, long[]> after = phaseTotals(cluster);
      for (int i = 0; i < 3; i++) {
        for (MixCounters.Phase p : MixCounters.Phase.values()) {
          long[] a = after.get(p);
          long[] z = before.get(p);
          long n = Math.max(1, a[3 + i] - z[3 + i]);
          phases.put("mix-" + (i + 1) + " " + p.name().toLowerCase(),
              (a[i] - z[i]) / n / 1_000_000);
        }
      }
      System.out.println();
      System.out.println("phase (mean per round)        ms");
      phases.forEach((k, v) -> System.out.printf("%-28s %5d%n", k, v));
      Map<String, Object> totals = new LinkedHashMap<>();
      totals.put("users", users);
      totals.put("noise_mu", mu);
      totals.put("round_interval_ms", interval);
      totals.put("round_latency_ms", BotStats.percentiles(latencies));
      totals.put("last_reply_at_client_ms", BotStats.percentiles(clientLatencies));
      totals.put("phases_ms", phases);
      totals.put("replies_lost", traffic.lost());
      System.out.println();
      totals.forEach((k, v) -> System.out.printf("%-24s %s%n", k, v));
      if (statsJson != null) {
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValue(statsJson.toFile(), totals);
      }
    } finally {
      clients.forEach(RoundParticipant::close);
      channels.forEach(Channels::close);
      scheduler.shutdownNow();
    }
    return 0;
  }

  /** Sums per phase: [mix1, mix2, mix3 nanos, mix1, mix2, mix3 counts]. */
  private static Map<MixCounters.Phase, long[]> phaseTotals(LocalCluster cluster) {
    Map<MixCounters.Phase, long[]> m = new LinkedHashMap<>();
    for (MixCounters.Phase p : MixCounters.Phase.values()) {
      long[] v = new long[6];
      for (int i = 0; i < 3; i++) {
        v[i] = cluster.mix(i).counters().phaseNanos(p);
        v[3 + i] = cluster.mix(i).counters().phaseCount(p);
      }
      m.put(p, v);
    }
    return m;
  }
}
