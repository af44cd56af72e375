package org.sotto.testkit.bots;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.client.conversation.ReceiveAnomaly;

/**
 * What the demo's bots saw, summed over all of them, and the rounds' latencies; {@link #problems}
 * is the one verdict the demo, the bots command and the end-to-end tests share.
 */
public final class BotStats {
  public final AtomicLong queued = new AtomicLong();
  public final AtomicLong acknowledged = new AtomicLong();
  public final AtomicLong received = new AtomicLong();
  public final AtomicLong receivedThisRound = new AtomicLong();
  public final AtomicLong corrupted = new AtomicLong();
  public final AtomicLong outOfOrder = new AtomicLong();
  public final AtomicLong roundsDelivered = new AtomicLong();
  public final AtomicLong roundsAborted = new AtomicLong();
  private final Map<ReceiveAnomaly, AtomicLong> anomalies = new EnumMap<>(ReceiveAnomaly.class);

  public BotStats() {
    for (ReceiveAnomaly kind : ReceiveAnomaly.values()) {
      anomalies.put(kind, new AtomicLong());
    }
  }

  public void anomaly(ReceiveAnomaly kind) {
    anomalies.get(kind).incrementAndGet();
  }

  /** Answers of this kind the bots' conversations dropped. */
  public long anomalies(ReceiveAnomaly kind) {
    return anomalies.get(kind).get();
  }
  private final List<Long> roundLatencyMs = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> messageLatencyMs = Collections.synchronizedList(new ArrayList<>());

  public void roundLatency(long ms) {
    roundLatencyMs.add(ms);
  }

  void messageLatency(long ms) {
    messageLatencyMs.add(ms);
  }

  /** Acknowledged to the sender but never seen by the receiver: must stay zero. */
  public long lost() {
    return Math.max(0, acknowledged.get() - received.get());
  }

  /**
   * What went wrong, one sentence each; empty when every message arrived intact, in order,
   * exactly once, and nothing was tampered with or replayed on the way.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (received.get() == 0) {
      problems.add("no message arrived at all");
    }
    if (corrupted.get() > 0) {
      problems.add(corrupted.get() + " messages arrived with the wrong text");
    }
    if (outOfOrder.get() > 0) {
      problems.add(outOfOrder.get() + " messages were delivered out of order or twice");
    }
    if (lost() > 0) {
      problems.add(lost() + " messages were acknowledged but never delivered");
    }
    if (queued.get() != received.get()) {
      problems.add((queued.get() - received.get()) + " messages were still in flight");
    }
    for (ReceiveAnomaly kind : ReceiveAnomaly.values()) {
      if (!kind.expected() && anomalies(kind) > 0) {
        problems.add(anomalies(kind) + " answers were dropped as " + key(kind));
      }
    }
    return problems;
  }

  private static String key(ReceiveAnomaly kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  public Map<String, Object> totals() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", roundsDelivered.get() + roundsAborted.get());
    m.put("rounds_delivered", roundsDelivered.get());
    m.put("rounds_aborted", roundsAborted.get());
    m.put("messages_sent", queued.get());
    m.put("messages_delivered", received.get());
    m.put("messages_acknowledged", acknowledged.get());
    m.put("messages_corrupted", corrupted.get());
    m.put("messages_out_of_order", outOfOrder.get());
    m.put("messages_lost", lost());
    for (ReceiveAnomaly kind : ReceiveAnomaly.values()) {
      m.put("dropped_" + key(kind), anomalies(kind));
    }
    m.put("messages_in_flight", queued.get() - received.get());
    m.put("round_latency_ms", percentiles(roundLatencyMs));
    m.put("message_latency_ms", percentiles(messageLatencyMs));
    return m;
  }

  /** Fewer samples than this and the largest is all a "p99" could be: only max is given. */
  public static final int SAMPLES_FOR_P99 = 100;

  /**
   * {@code samples} (how many values), p50, p90, max, and p99 only from {@link #SAMPLES_FOR_P99}
   * samples up (nearest-rank percentiles).
   */
  public static Map<String, Long> percentiles(List<Long> values) {
    List<Long> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    Collections.sort(sorted);
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("samples", (long) sorted.size());
    for (int p : new int[] {50, 90, 99}) {
      if (p == 99 && sorted.size() < SAMPLES_FOR_P99) {
        continue;
      }
      m.put("p" + p, sorted.isEmpty() ? 0
          : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
    m.put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    return m;
  }
}
