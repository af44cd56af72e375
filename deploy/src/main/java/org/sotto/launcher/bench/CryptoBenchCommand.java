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
        "Targets: libsodium >= 80%% of OpenSSL's X25519 rate, layer peel >= 70%%."})
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

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || warmupSeconds < 0 || threads < 1) {
      System.err.println("--seconds must be at least 1, --warmup at least 0, --threads at least 1");
      return 2;
    }
    System.out.printf("openssl speed -seconds %d ecdhx25519 ...%n", seconds);
    OpensslSpeed.Result baseline = OpensslSpeed.x25519(seconds, 1);
    OpensslSpeed.Result baselineMulti = threads > 1 && baseline.ok()
        ? OpensslSpeed.x25519(seconds, threads) : baseline;

    ThroughputMeter meter =
        new ThroughputMeter(Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
    BenchTable table = new BenchTable(threads, baseline, baselineMulti);
    List<Workload> workloads = CryptoWorkloads.all();
    for (Workload w : workloads) {
      System.out.printf("%s ...%n", w.name());
      double single = meter.measure(w, 1);
      double total = threads > 1 ? meter.measure(w, threads) : Double.NaN;
      table.add(new BenchTable.Row(w.name(), single, w.target(), total));
    }
    System.out.println();
    System.out.print(table.render());
    return 0;
  }
}
