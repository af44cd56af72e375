package org.sotto.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The table {@code sotto bench crypto} prints: ops/s on one core, the ratio to the OpenSSL
 * baseline and the target, and with more threads their total and the scaling.
 */
final class BenchTable {
  /** One measured row; {@code total} is NaN when only one thread was measured. */
  record Row(String name, double perCore, OptionalDouble target, double total) {}

  private final int threads;
  private final OpensslSpeed.Result baseline;
  private final OpensslSpeed.Result baselineMulti;
  private final List<Row> rows = new ArrayList<>();

  BenchTable(int threads, OpensslSpeed.Result baseline, OpensslSpeed.Result baselineMulti) {
    this.threads = threads;
    this.baseline = baseline;
    this.baselineMulti = baselineMulti;
  }

  void add(Row row) {
    rows.add(row);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    boolean multi = threads > 1;
    String header = String.format("%-32s %15s %12s %10s", "implementation", "ops/s per core",
        baseline.ok() ? "vs OpenSSL" : "", baseline.ok() ? "target" : "");
    if (multi) {
      header += String.format(" %18s %9s", "ops/s " + threads + " threads", "scaling");
    }
    out.append(header.stripTrailing()).append('\n');
    out.append("-".repeat(header.stripTrailing().length())).append('\n');
    if (baseline.ok()) {
      String line = String.format("%-32s %15.0f %12s %10s", "OpenSSL X25519 (openssl speed)",
          baseline.opsPerSecond(), "100.0 %", "");
      if (multi) {
        line += baselineMulti.ok()
            ? String.format(" %18.0f %9s", baselineMulti.opsPerSecond(),
                scaling(baselineMulti.opsPerSecond(), baseline.opsPerSecond()))
            : String.format(" %18s %9s", "n/a", "");
      }
      out.append(line.stripTrailing()).append('\n');
    }
    for (Row r : rows) {
      String line = String.format("%-32s %15.0f %12s %10s", r.name(), r.perCore(),
          baseline.ok() ? String.format("%.1f %%", 100 * r.perCore() / baseline.opsPerSecond()) : "",
          baseline.ok() ? verdict(r) : "");
      if (multi) {
        line += String.format(" %18.0f %9s", r.total(), scaling(r.total(), r.perCore()));
      }
      out.append(line.stripTrailing()).append('\n');
    }
    if (!baseline.ok()) {
      out.append("\nNo OpenSSL baseline, so no ratios: ").append(baseline.problem()).append('\n');
    } else if (multi && !baselineMulti.ok()) {
      out.append("\nNo OpenSSL figure for ").append(threads).append(" processes: ")
          .append(baselineMulti.problem()).append('\n');
    }
    return out.toString();
  }

  private String verdict(Row r) {
    if (r.target().isEmpty()) {
      return "";
    }
    double t = r.target().getAsDouble();
    boolean met = r.perCore() >= t * baseline.opsPerSecond();
    return String.format("%s%.0f%% %s", "\u2265", 100 * t, met ? "ok" : "MISS");
  }

  private static String scaling(double total, double single) {
    return String.format("%.2fx", total / single);
  }
}
