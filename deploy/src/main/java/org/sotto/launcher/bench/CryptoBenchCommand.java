package org.sotto.launcher.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto bench crypto}: X25519 (libsodium, Bouncy Castle) and a full onion-layer peel, in
 * ops/s on one core, next to {@code openssl speed ecdhx25519} measured in the same run.
 */
@Command(name = "crypto", mixinStandardHelpOptions = true,
    description = {
        "X25519 ops/s (libsodium, Bouncy Castle) and a full onion-layer peel "
            + "(X25519 + HKDF + HMAC + AES), single-threaded, against "
            + "`openssl speed ecdhx25519` run in the same session.",
        "Targets (issue 8): libsodium and a layer peel >= 80%% of OpenSSL's X25519 rate per core, "
            + "~1.9x on 2 cores."})
final class CryptoBenchCommand implements Callable<Integer> {

  @Option(names = "--seconds", defaultValue = "3",
      description = "Measuring time per workload, and for openssl speed (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "2",
      description = "Warm-up time per workload before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--threads", defaultValue = "1",
      description = "Also measure on N threads (and openssl with -multi N) to show scaling.")
  int threads;

  @Option(names = "--repeat", defaultValue = "3",
      description = "Measure everything this many times, interleaved, and keep each row's best: "
          + "on a machine shared with other work, the best run is the one least disturbed "
          + "(default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || warmupSeconds < 0 || threads < 1) {
      System.err.println("--seconds must be at least 1, --warmup at least 0, --threads at least 1");
      return 2;
    }
    ThroughputMeter meter =
        new ThroughputMeter(Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
    List<Workload> workloads = CryptoWorkloads.all();
    OpensslSpeed.Result baseline = null;
    OpensslSpeed.Result baselineMulti = null;
    double[] single = new double[workloads.size()];
    double[] total = new double[workloads.size()];
    double[] perCpu1 = new double[workloads.size()];
    double[] perCpuN = new double[workloads.size()];
    java.util.Arrays.fill(total, Double.NaN);
    for (int rep = 1; rep <= Math.max(1, repeat); rep++) {
      System.out.printf("run %d of %d, load average %s%n", rep, Math.max(1, repeat),
          RoundBenchCommand.loadAverage());
      System.out.printf("openssl speed -seconds %d ecdhx25519 ...%n", seconds);
      baseline = best(baseline, OpensslSpeed.x25519(seconds, 1));
      baselineMulti = threads > 1 && baseline.ok()
          ? best(baselineMulti, OpensslSpeed.x25519(seconds, threads)) : baseline;
      for (int i = 0; i < workloads.size(); i++) {
        Workload w = workloads.get(i);
        System.out.printf("%s ...%n", w.name());
        ThroughputMeter.Throughput one = meter.measure(w, 1);
        single[i] = Math.max(single[i], one.opsPerSecond());
        perCpu1[i] = Math.max(perCpu1[i], one.opsPerCpuSecond());
        if (threads > 1) {
          ThroughputMeter.Throughput n = meter.measure(w, threads);
          total[i] = Double.isNaN(total[i]) ? n.opsPerSecond()
              : Math.max(total[i], n.opsPerSecond());
          perCpuN[i] = Math.max(perCpuN[i], n.opsPerCpuSecond());
        }
      }
    }
    BenchTable table = new BenchTable(threads, baseline, baselineMulti);
    for (int i = 0; i < workloads.size(); i++) {
      Workload w = workloads.get(i);
      table.add(new BenchTable.Row(w.name(), single[i], w.target(), total[i]));
    }
    System.out.println();
    System.out.print(table.render());
    if (repeat > 1) {
      System.out.printf("(best of %d interleaved runs per row)%n", repeat);
    }
    if (threads > 1) {
      System.out.println();
      System.out.printf("%-32s %15s %18s %16s%n", "per CPU-second (load-free)", "1 thread",
          "each of " + threads + " threads", "scaling if free");
      for (int i = 0; i < workloads.size(); i++) {
        System.out.printf("%-32s %15.0f %18.0f %15.2fx%n", workloads.get(i).name(), perCpu1[i],
            perCpuN[i], threads * perCpuN[i] / perCpu1[i]);
      }
      System.out.println("(ops per second of CPU time each thread got: what the threads cost "
          + "each other, whatever else the machine runs)");
    }
    return 0;
  }

  private static OpensslSpeed.Result best(OpensslSpeed.Result a, OpensslSpeed.Result b) {
    if (a == null || !a.ok()) {
      return b;
    }
    return b.ok() && b.opsPerSecond() > a.opsPerSecond() ? b : a;
  }
}
