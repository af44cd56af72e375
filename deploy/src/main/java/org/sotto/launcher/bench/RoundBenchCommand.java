package org.sotto.launcher.bench;

import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.testkit.bots.BotStats;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.mixnode.MixCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto bench round}: the latency of a round at N users on this machine — a local cluster
 * (coordinator, 3 mix nodes, 2 dead-drop shards, TLS) and N real clients sending cover onions —
 * broken down by phase, next to the X25519 floor computed from {@code openssl speed ecdhx25519}
 * measured in the same run.
 *
 * <p>The round time is window close → last reply opened at a client. The clients share the
 * machine, so they are kept out of it: they wrap their next onions only once the benchmark is done
 * with the previous round (see {@link BenchTraffic}), and the default interval leaves time for
 * that before the next window closes. Their cost is reported separately (wrap cost per client per
 * round, and the CPU their wrapping-and-submitting threads used). Only rounds that every client
 * made it into, and that were delivered, are measured; a run that cannot get {@code --rounds} of
 * them in its attempts stops and says so, and exits 1 if it measured none.
 *
 * <p>The percentiles name how many rounds they come from; a p99 is given only from
 * {@value BotStats#SAMPLES_FOR_P99} rounds up (below that it would be the maximum under another
 * name).
 *
 * <p>CPU efficiency = (X25519 operations done in the round × OpenSSL's time per X25519 ÷ cores) ÷
 * round time. Noise that a mix made ahead, while the window was collecting, is not in the round;
 * it is counted and reported next to it, as are the clients' wraps.
 */
@Command(name = "round", mixinStandardHelpOptions = true,
    description = "Round latency at N users, by phase, on a local cluster, with the X25519 floor "
        + "and CPU efficiency against openssl speed measured in the same run.")
public final class RoundBenchCommand implements Callable<Integer> {
  private static final int MIXES = 3;
  private static final int SHARDS = 2;

  @Option(names = "--users", defaultValue = "1000", description = "clients (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--noise", defaultValue = "1000", description = "Laplace mu per mix per round (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "0", description = "Laplace b; 0 adds exactly mu (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--rounds", defaultValue = "5", description = "rounds to measure after warm-up (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--round-interval-ms", description = "round length; default 2500 ms + 1 ms per user")
  Long intervalMs;

  @Option(names = "--openssl-seconds", defaultValue = "3", description = "seconds of openssl speed for the baseline; 0 skips it (default: ${DEFAULT-VALUE})")
  int opensslSeconds;

  @Option(names = "--stats-json", description = "write the results to this JSON file")
  Path statsJson;

  @Override
  public Integer call() throws Exception {
    long interval = intervalMs != null ? intervalMs : 2500 + users;
    int cores = Runtime.getRuntime().availableProcessors();
    String loadBefore = loadAverage();
    OpensslSpeed.Result openssl = opensslSeconds > 0 ? OpensslSpeed.x25519(opensslSeconds, 1)
        : OpensslSpeed.Result.failed("skipped (--openssl-seconds 0)");
    double wrapMicros = ClientWrapCost.microsPerOnion(MIXES);

    Path dir = Files.createTempDirectory("sotto-bench-");
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    BenchTraffic traffic = new BenchTraffic(interval);
    List<ManagedChannel> channels = new ArrayList<>();
    List<RoundParticipant> clients = new ArrayList<>();
    List<Thread> clientThreads = new CopyOnWriteArrayList<>();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(cores,
        NamedThreads.daemon("bench-client", clientThreads::add));
    List<Long> latencies = new ArrayList<>();
    List<Double> efficiencyOfCpuUsed = new ArrayList<>();
    List<Double> coreShare = new ArrayList<>();
    CpuSampler cpu = new CpuSampler();
    List<Long> clientLatencies = new ArrayList<>();
    Map<String, Object> totals = new LinkedHashMap<>();
    HeapSampler heap = new HeapSampler();
    Snapshot first;
    Snapshot after;
    long clientCpu;
    long lost;
    int measuredRounds;
    String loadAfter;
    try (LocalCluster cluster = LocalCluster.start(dir, MIXES, SHARDS, interval, 1, mu, b)) {
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
      System.out.printf("bench round: %d users, noise mu=%.0f b=%.0f per mix, %d mixes, "
          + "%d shards, interval %d ms, %d cores, load average %s%n", users, mu, b, MIXES,
          SHARDS, interval, cores, loadBefore);
      System.out.println(openssl.ok()
          ? String.format("openssl speed ecdhx25519: %.0f op/s on one core (%.1f us per X25519)",
              openssl.opsPerSecond(), 1e6 / openssl.opsPerSecond())
          : "no OpenSSL baseline: " + openssl.problem());
      System.out.println("round        users  onions  open ms  mix ms  last reply ms");
      int measured = 0;
      int attempts = 0;
      int warmup = 0;
      boolean jitWarm = false;
      Snapshot before = null;
      Snapshot sum = Snapshot.zero();
      int seen = 0;
      long clientCpuBefore = 0;
      long lostBefore = 0;
      while (measured < rounds && attempts < 5 * rounds + 60) {
        RoundOutcome o = outcomes.poll(interval * 20, TimeUnit.MILLISECONDS);
        if (o == null) {
          System.out.println("no round finished; giving up");
          return 1;
        }
        if (o.delivered()) {
          awaitReplies(traffic, o, Math.max(5000, interval));
        }
        attempts++;
        long lastReply = o.delivered() ? traffic.lastReplyAt(o.round()) - o.windowClosedAtMs()
            : -1;
        boolean full = o.delivered() && o.clients() == users
            && traffic.answered(o.round()) >= o.onions();
        if (before == null) {
          if (!full && warmup++ < 40) {
            System.out.printf("%-12d %5d  warm-up (%s)%n", o.round(), o.clients(),
                o.delivered() ? "not all clients yet" : o.reason());
          } else if (!jitWarm) { // the first full round only warms up the servers' JIT
            System.out.printf("%-12d %5d  warm-up (first full round, %d ms)%n", o.round(),
                o.clients(), lastReply);
            jitWarm = true;
          } else {
            System.gc();
            heap.start();
            before = Snapshot.of(cluster);
            clientCpuBefore = cpuNanos(clientThreads);
            lostBefore = traffic.lost();
            System.out.printf("%-12d %5d  warm-up (%d ms); measuring from the next round%n",
                o.round(), o.clients(), lastReply);
          }
          traffic.finished(o.round());
          continue;
        }
        // Counters move with every round; a measured round is credited with what moved since the
        // previous outcome, so rounds that are not counted do not inflate the per-round figures.
        Snapshot now = Snapshot.of(cluster);
        Snapshot moved = now.minus(before);
        before = now;
        seen++;
        if (!full) { // partial or aborted rounds are shown, never counted
          System.out.printf("%-12d %5d  not counted: %s%n", o.round(), o.clients(),
              o.delivered() ? (users - o.clients()) + " of " + users + " clients missed the window"
                  : "aborted: " + o.reason());
          traffic.finished(o.round());
          continue;
        }
        System.out.printf("%-12d %5d %7d %8d %7d %14d%n", o.round(), o.clients(), o.onions(),
            o.openMs(), o.mixMs(), lastReply);
        latencies.add(o.mixMs());
        clientLatencies.add(lastReply);
        sum = sum.plus(moved);
        measured++;
        if (openssl.ok()) {
          // CPU this process (servers, held clients, noise) used from window close to the
          // last reply: on a shared machine, the share of the cores the round really got.
          double used = cpu.nanosBetween(o.windowClosedAtMs(), o.windowClosedAtMs() + lastReply);
          if (used > 0) {
            double ops = moved.inRoundX25519();
            efficiencyOfCpuUsed.add(ops * 1e9 / openssl.opsPerSecond() / used);
            coreShare.add(used / 1e6 / lastReply / cores);
          }
        }
        traffic.finished(o.round());
      }
      heap.stop();
      if (measured < rounds) {
        System.out.printf("only %d of %d rounds had every client in them after %d rounds; "
            + "reporting those (lengthen --round-interval-ms if clients miss the window)%n",
            measured, rounds, attempts);
      }
      after = sum;
      first = Snapshot.zero();
      clientCpu = (cpuNanos(clientThreads) - clientCpuBefore) * Math.max(1, measured)
          / Math.max(1, seen); // the clients' CPU per round, times the rounds measured
      lost = traffic.lost() - lostBefore;
      measuredRounds = measured;
      loadAfter = loadAverage();
    } finally {
      heap.stop();
      clients.forEach(RoundParticipant::close);
      channels.forEach(Channels::close);
      scheduler.shutdownNow();
    }
    report(totals, first, after, measuredRounds, openssl, cores, interval, latencies,
        clientLatencies, wrapMicros, clientCpu, heap, lost);
    if (!efficiencyOfCpuUsed.isEmpty()) {
      totals.put("cpu_share_of_cores_during_round_p50", round2(median(coreShare)));
      totals.put("cpu_share_of_cores_during_round_min",
          round2(coreShare.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
      totals.put("cpu_efficiency_of_cpu_used_p50", round2(median(efficiencyOfCpuUsed)));
      totals.put("cpu_efficiency_of_cpu_used_min",
          round2(efficiencyOfCpuUsed.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
    }
    cpu.close();
    totals.put("load_average_before", loadBefore);
    totals.put("load_average_after", loadAfter);
    System.out.println();
    totals.forEach((k, v) -> System.out.printf("%-34s %s%n", k, v));
    if (statsJson != null) {
      new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(statsJson.toFile(), totals);
    }
    return latencies.isEmpty() ? 1 : 0;
  }

  private void report(Map<String, Object> totals, Snapshot before, Snapshot after, int measured,
      OpensslSpeed.Result openssl, int cores, long interval,
      List<Long> latencies, List<Long> clientLatencies, double wrapMicros, long clientCpuNanos, HeapSampler heap,
      long lost) {
    double n = Math.max(1, measured);
    Map<String, Long> phases = new LinkedHashMap<>();
    long peelOps = 0;
    long noiseOps = 0;
    long lateNoiseOps = 0;
    long noiseRequests = 0;
    for (int i = 0; i < MIXES; i++) {
      for (MixCounters.Phase p : MixCounters.Phase.values()) {
        long count = Math.max(1, after.phaseCount[p.ordinal()][i]
            - before.phaseCount[p.ordinal()][i]);
        phases.put("mix-" + (i + 1) + " " + p.name().toLowerCase(),
            (after.phaseNanos[p.ordinal()][i] - before.phaseNanos[p.ordinal()][i]) / count
                / 1_000_000);
      }
      phases.put("mix-" + (i + 1) + " noise made (ahead)",
          Math.round((after.noiseWork[i] - before.noiseWork[i]) / n / 1e6));
      peelOps += after.onionsIn[i] - before.onionsIn[i];
      noiseOps += after.noiseOps[i] - before.noiseOps[i];
      lateNoiseOps += after.noiseLate[i] - before.noiseLate[i];
      noiseRequests += after.noise[i] - before.noise[i];
    }
    long onionsPerRound = Math.round((after.onionsIn[0] - before.onionsIn[0]) / n);
    long peelPerRound = Math.round(peelOps / n);
    long noisePerRound = Math.round(noiseOps / n);
    long latePerRound = Math.round(lateNoiseOps / n);
    long inRound = peelPerRound + latePerRound;
    long clientOps = onionsPerRound * 2L * MIXES;
    Map<String, Long> lastReply = BotStats.percentiles(clientLatencies);

    System.out.println();
    System.out.println("phase (mean per round)              ms");
    phases.forEach((k, v) -> System.out.printf("%-34s %5d%n", k, v));

    totals.put("users", users);
    totals.put("noise_mu", mu);
    totals.put("noise_b", b);
    totals.put("mixes", MIXES);
    totals.put("shards", SHARDS);
    totals.put("cores", cores);
    totals.put("round_interval_ms", interval);
    totals.put("rounds_measured", measured);
    totals.put("round_latency_ms", BotStats.percentiles(latencies));
    totals.put("last_reply_at_client_ms", lastReply);
    totals.put("phases_ms", phases);
    totals.put("replies_lost_while_measuring", lost);
    totals.put("onions_per_round", onionsPerRound);
    totals.put("noise_requests_per_round", Math.round(noiseRequests / n));
    totals.put("x25519_peel_per_round", peelPerRound);
    totals.put("x25519_noise_per_round", noisePerRound);
    totals.put("x25519_noise_in_round_per_round", latePerRound);
    totals.put("x25519_in_round", inRound);
    totals.put("x25519_clients_per_round", clientOps);
    if (openssl.ok() && !clientLatencies.isEmpty()) {
      double perOpMs = 1000.0 / openssl.opsPerSecond();
      double floorMs = inRound * perOpMs / cores;
      double floorAllMs = (peelPerRound + noisePerRound) * perOpMs / cores;
      totals.put("openssl_x25519_per_s_one_core", Math.round(openssl.opsPerSecond()));
      totals.put("x25519_floor_in_round_ms", Math.round(floorMs));
      totals.put("x25519_floor_with_noise_ms", Math.round(floorAllMs));
      totals.put("cpu_efficiency_p50", round2(floorMs / Math.max(1, lastReply.get("p50"))));
      if (lastReply.containsKey("p99")) {
        totals.put("cpu_efficiency_p99", round2(floorMs / Math.max(1, lastReply.get("p99"))));
      }
      totals.put("cpu_efficiency_slowest_round",
          round2(floorMs / Math.max(1, lastReply.get("max"))));
    }
    if (openssl.ok()) {
      totals.put("client_wrap_vs_openssl_floor",
          round2(2 * MIXES * 1e6 / openssl.opsPerSecond() / wrapMicros));
    }
    totals.put("client_wrap_us_per_client_per_round", Math.round(wrapMicros));
    // Only the threads that wrap and submit onions: settings (with the round-key signature check)
    // and replies arrive on gRPC's executor threads, shared with the servers, so opening replies
    // is not in this figure.
    totals.put("client_wrap_and_submit_cpu_us_per_client_per_round",
        Math.round(clientCpuNanos / 1000.0 / n / Math.max(1, users)));
    long requests = Math.max(1, onionsPerRound + Math.round(noiseRequests / n));
    totals.put("requests_in_flight_per_round", requests);
    totals.put("heap_live_idle_mb", heap.idleBytes() / (1 << 20));
    totals.put("heap_live_max_after_gc_mb", heap.peakBytes() / (1 << 20));
    totals.put("gc_during_measurement", heap.collections());
    totals.put("heap_live_bytes_per_request_in_flight",
        Math.max(0, heap.peakBytes() - heap.idleBytes()) / requests);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Waits until every reply of a delivered round has been opened at its client, or timeout. */
  private static void awaitReplies(BenchTraffic traffic, RoundOutcome o, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (traffic.answered(o.round()) < o.onions() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
  }

  private static long cpuNanos(List<Thread> threads) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : threads) {
      long c = mx.getThreadCpuTime(t.getId());
      sum += Math.max(0, c);
    }
    return sum;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
          .trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return String.format("%.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * This process's CPU time, sampled every 5 ms with the wall clock, so the CPU used between two
   * wall-clock instants (window close, last reply) can be looked up afterwards.
   */
  private static final class CpuSampler implements AutoCloseable {
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean();
    private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> samples =
        new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Thread thread;

    CpuSampler() {
      thread = NamedThreads.daemonThread("bench-cpu-sampler", () -> {
        while (!Thread.currentThread().isInterrupted()) {
          long now = System.currentTimeMillis();
          samples.put(now, os.getProcessCpuTime());
          samples.headMap(now - 600_000).clear();
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      thread.start();
    }

    /** CPU nanoseconds between two wall-clock instants (ms), or -1 without samples. */
    double nanosBetween(long fromMs, long toMs) {
      var from = samples.floorEntry(fromMs);
      var to = samples.ceilingEntry(toMs);
      if (to == null) {
        to = samples.lastEntry();
      }
      if (from == null || to == null || to.getKey() <= from.getKey()) {
        return -1;
      }
      return to.getValue() - from.getValue();
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }

  /** The mixes' counters at one moment: [phase][mix] and [mix]. */
  private record Snapshot(long[][] phaseNanos, long[][] phaseCount, long[] onionsIn,
      long[] noise, long[] noiseOps, long[] noiseLate, long[] noiseWork) {
    /** X25519 operations inside the round(s): every peel, and noise that was not ready. */
    long inRoundX25519() {
      long ops = 0;
      for (int i = 0; i < MIXES; i++) {
        ops += onionsIn[i] + noiseLate[i];
      }
      return ops;
    }

    static Snapshot zero() {
      int phases = MixCounters.Phase.values().length;
      return new Snapshot(new long[phases][MIXES], new long[phases][MIXES],
          new long[MIXES], new long[MIXES], new long[MIXES], new long[MIXES], new long[MIXES]);
    }

    Snapshot minus(Snapshot o) {
      return combine(o, -1);
    }

    Snapshot plus(Snapshot o) {
      return combine(o, 1);
    }

    private Snapshot combine(Snapshot o, int sign) {
      Snapshot r = zero();
      for (int p = 0; p < phaseNanos.length; p++) {
        for (int i = 0; i < MIXES; i++) {
          r.phaseNanos[p][i] = phaseNanos[p][i] + sign * o.phaseNanos[p][i];
          r.phaseCount[p][i] = phaseCount[p][i] + sign * o.phaseCount[p][i];
        }
      }
      for (int i = 0; i < MIXES; i++) {
        r.onionsIn[i] = onionsIn[i] + sign * o.onionsIn[i];
        r.noise[i] = noise[i] + sign * o.noise[i];
        r.noiseOps[i] = noiseOps[i] + sign * o.noiseOps[i];
        r.noiseLate[i] = noiseLate[i] + sign * o.noiseLate[i];
        r.noiseWork[i] = noiseWork[i] + sign * o.noiseWork[i];
      }
      return r;
    }

    static Snapshot of(LocalCluster cluster) {
      int phases = MixCounters.Phase.values().length;
      Snapshot s = new Snapshot(new long[phases][MIXES], new long[phases][MIXES],
          new long[MIXES], new long[MIXES], new long[MIXES], new long[MIXES], new long[MIXES]);
      for (int i = 0; i < MIXES; i++) {
        MixCounters c = cluster.mix(i).counters();
        for (MixCounters.Phase p : MixCounters.Phase.values()) {
          s.phaseNanos[p.ordinal()][i] = c.phaseNanos(p);
          s.phaseCount[p.ordinal()][i] = c.phaseCount(p);
        }
        s.onionsIn[i] = c.onionsIn();
        s.noise[i] = c.noiseAdded();
        s.noiseOps[i] = c.noiseX25519();
        s.noiseLate[i] = c.noiseX25519Late();
        s.noiseWork[i] = c.noiseWorkNanos();
      }
      return s;
    }
  }

  /**
   * Live heap during the measured rounds: the heap in use right after each garbage collection
   * (what survived it), whose maximum less the same figure when idle bounds what the rounds in
   * flight hold. The idle figure is taken after a full GC between rounds.
   */
  private static final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private volatile long idle;

    void start() {
      idle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      for (java.lang.management.GarbageCollectorMXBean gc
          : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          javax.management.NotificationListener listener = (notification, handback) -> {
            if (!com.sun.management.GarbageCollectionNotificationInfo
                .GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
              return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                (javax.management.openmbean.CompositeData) notification.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
              if (isHeapPool(e.getKey())) {
                used += e.getValue().getUsed();
              }
            }
            peak.accumulateAndGet(used, Math::max);
            collections.incrementAndGet();
          };
          emitter.addNotificationListener(listener, null, null);
          unsubscribe.add(() -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
              // already gone
            }
          });
        }
      }
    }

    private static boolean isHeapPool(String name) {
      for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getName().equals(name)) {
          return pool.getType() == java.lang.management.MemoryType.HEAP;
        }
      }
      return false;
    }

    long idleBytes() {
      return idle;
    }

    long peakBytes() {
      return Math.max(peak.get(), idle);
    }

    long collections() {
      return collections.get();
    }

    void stop() {
      unsubscribe.forEach(Runnable::run);
      unsubscribe.clear();
    }
  }
}
