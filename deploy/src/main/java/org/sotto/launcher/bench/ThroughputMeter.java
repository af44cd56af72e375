package org.sotto.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sotto.core.concurrent.NamedThreads;

/**
 * Runs a workload on N threads: a warm-up (so the JIT has compiled the hot path), then a timed
 * window in which every thread counts its own operations.
 */
final class ThroughputMeter {
  private final Duration warmup;
  private final Duration window;

  ThroughputMeter(Duration warmup, Duration window) {
    this.warmup = warmup;
    this.window = window;
  }

  /**
   * What one measurement found.
   *
   * @param opsPerSecond operations per wall-clock second, over all threads
   * @param opsPerCpuSecond operations per CPU-second a thread got: it does not depend on how much
   *     of the machine the threads got, so on a shared machine it shows whether N threads lose
   *     anything to each other (locks, shared state), which wall-clock scaling cannot
   */
  record Throughput(double opsPerSecond, double opsPerCpuSecond) {}

  Throughput measure(Workload workload, int threads) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        NamedThreads.daemon("bench-crypto"));
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> runOneThread(workload.newOperation(), start)));
      }
      long ops = 0;
      long nanos = 0;
      long cpu = 0;
      for (Future<long[]> r : results) {
        long[] opsAndNanos = r.get();
        ops += opsAndNanos[0];
        nanos = Math.max(nanos, opsAndNanos[1]);
        cpu += opsAndNanos[2];
      }
      return new Throughput(ops / (nanos / 1e9), cpu > 0 ? ops / (cpu / 1e9) : Double.NaN);
    } finally {
      pool.shutdownNow();
    }
  }

  private long[] runOneThread(Workload.Operation op, CyclicBarrier start) throws Exception {
    loop(op, warmup.toNanos());
    start.await();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuBegin = mx.getCurrentThreadCpuTime();
    long begin = System.nanoTime();
    long ops = loop(op, window.toNanos());
    return new long[] {ops, System.nanoTime() - begin, mx.getCurrentThreadCpuTime() - cpuBegin};
  }

  /** Runs op until the time is up; returns how often. */
  private static long loop(Workload.Operation op, long nanos) throws Exception {
    long deadline = System.nanoTime() + nanos;
    long ops = 0;
    Object last;
    do {
      last = op.run();
      ops++;
    } while (System.nanoTime() < deadline);
    lastResult = last; // published, so the work cannot be optimised away
    return ops;
  }

  @SuppressWarnings("unused")
  private static volatile Object lastResult;
}
