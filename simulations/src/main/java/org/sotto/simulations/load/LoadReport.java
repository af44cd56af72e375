package org.sotto.simulations.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/** Writes load levels as load.csv, the latency-vs-users plot and summary.md. */
public final class LoadReport {
  private final String cluster;
  private final List<LoadPoint> points;

  public LoadReport(String cluster, List<LoadPoint> points) {
    this.cluster = cluster;
    this.points = List.copyOf(points);
  }

  public Table table() {
    Table t = new Table("users", "rounds", "aborted", "latency_p50_ms", "latency_p90_ms",
        "latency_p99_ms", "mix_p50_ms", "mix_p99_ms", "messages_per_s", "sent", "delivered",
        "lost", "in_flight", "cpu_cores");
    for (LoadPoint p : points) {
      Map<String, Long> c = p.clientLatencyMs();
      Map<String, Long> m = p.mixLatencyMs();
      // -1: fewer rounds than a p99 needs (BotStats.SAMPLES_FOR_P99)
      t.add(p.users(), p.rounds(), p.roundsAborted(), c.get("p50"), c.get("p90"),
          c.getOrDefault("p99", -1L),
          m.getOrDefault("p50", -1L), m.getOrDefault("p99", -1L), p.messagesPerSecond(),
          p.sent(), p.delivered(), p.lost(), p.inFlight(), p.cpuCores());
    }
    return t;
  }

  public void write(Path dir) throws IOException {
    Table t = table();
    t.writeCsv(dir.resolve("load.csv"));
    double[] users = points.stream().mapToDouble(LoadPoint::users).toArray();
    Chart chart = new Chart("Round latency vs users (" + cluster + ")", "users",
        "round latency (ms)");
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
    chart.savePng(dir.resolve("latency-vs-users.png"));
    new Summary("Load run").paragraph("Cluster: " + cluster + ". Bot clients in pairs, each "
            + "keeping two messages queued; after the measured rounds the outboxes drain. "
            + "cpu_cores is process CPU seconds per second (servers and bots share the process "
            + "for the local cluster; -1/NaN where not measurable).")
        .table(t).image("latency vs users", "latency-vs-users.png").write(dir);
  }
}
