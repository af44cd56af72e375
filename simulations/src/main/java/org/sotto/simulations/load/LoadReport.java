package org.sotto.simulations.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/**
 * Writes load levels as load.csv, the latency-vs-users plot and summary.md. Written again after
 * every level, so a sweep that fails part-way keeps the levels it finished.
 */
public final class LoadReport {
  private final String cluster;
  private final List<LoadPoint> points;

  public LoadReport(String cluster, List<LoadPoint> points) {
    this.cluster = cluster;
    this.points = List.copyOf(points);
  }

  public Table table() {
    Table t = new Table("users", "warmup_rounds", "rounds", "aborted", "latency_p50_ms", "latency_p90_ms",
        "latency_p99_ms", "mix_p50_ms", "mix_p99_ms", "messages_per_s", "sent", "delivered",
        "lost", "in_flight", "cpu_cores");
    for (LoadPoint p : points) {
      Map<String, Long> c = p.clientLatencyMs();
      Map<String, Long> m = p.mixLatencyMs();
      // -1: fewer rounds than a p99 needs (BotStats.SAMPLES_FOR_P99)
      t.add(p.users(), p.warmupRounds(), p.rounds(), p.roundsAborted(), c.get("p50"),
          c.get("p90"), c.getOrDefault("p99", -1L),
          m.getOrDefault("p50", -1L), m.getOrDefault("p99", -1L), p.messagesPerSecond(),
          p.sent(), p.delivered(), p.lost(), p.inFlight(), p.cpuCores());
    }
    return t;
  }

  /** The latency plot: y axis from 0, the rounds behind each point in the title. */
  public Chart chart() {
    double[] users = points.stream().mapToDouble(LoadPoint::users).toArray();
    Chart chart = new Chart("Round latency vs users (" + cluster + "; " + sampling() + ")",
        "users", "round latency (ms)").yFromZero();
    for (String p : new String[] {"p50", "p90", "p99"}) {
      if (!points.stream().allMatch(x -> x.clientLatencyMs().containsKey(p))) {
        continue;
      }
      chart.line("client " + p + " (settings to replies)", users,
          points.stream().mapToDouble(x -> x.clientLatencyMs().get(p)).toArray());
    }
    if (points.stream().allMatch(x -> x.mixLatencyMs().containsKey("p50"))) {
      chart.line("coordinator p50 (window close to replies)", users,
          points.stream().mapToDouble(x -> x.mixLatencyMs().get("p50")).toArray());
    }
    return chart;
  }

  /** e.g. "30 measured rounds per point after 3 warm-up rounds (excluded)". */
  String sampling() {
    String rounds = points.stream().map(p -> String.valueOf(p.rounds())).distinct()
        .collect(java.util.stream.Collectors.joining("/"));
    String warmup = points.stream().map(p -> String.valueOf(p.warmupRounds())).distinct()
        .collect(java.util.stream.Collectors.joining("/"));
    return rounds + " measured rounds per point after " + warmup + " warm-up rounds (excluded)";
  }

  public void write(Path dir) throws IOException {
    Table t = table();
    t.writeCsv(dir.resolve("load.csv"));
    chart().savePng(dir.resolve("latency-vs-users.png"));
    new Summary("Load run").paragraph("Cluster: " + cluster + ". Bot clients in pairs, each "
            + "keeping two messages queued; " + sampling() + ": the first rounds after the bots "
            + "connect carry their handshakes and a cold JIT. After the measured rounds the "
            + "outboxes drain. Latency percentiles are over every bot and measured round of a "
            + "level. cpu_cores is process CPU seconds per second (servers and bots share the "
            + "process for the local cluster; -1/NaN where not measurable).")
        .table(t).image("latency vs users", "latency-vs-users.png").write(dir);
  }
}
