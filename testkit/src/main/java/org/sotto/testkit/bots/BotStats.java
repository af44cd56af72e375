package org.sotto.testkit.bots;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the demo's bots saw, summed over all of them, and the rounds' latencies. */
public final class BotStats {
  public final AtomicLong queued = new AtomicLong();
  public final AtomicLong acknowledged = new AtomicLong();
  public final AtomicLong received = new AtomicLong();
  public final AtomicLong receivedThisRound = new AtomicLong();
  public final AtomicLong corrupted = new AtomicLong();
  public final AtomicLong outOfOrder = new AtomicLong();
  public final AtomicLong roundsDelivered = new AtomicLong();
  public final AtomicLong roundsAborted = new AtomicLong();
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
    m.put("messages_in_flight", queued.get() - received.get());
    m.put("round_latency_ms", percentiles(roundLatencyMs));
    m.put("message_latency_ms", percentiles(messageLatencyMs));
    return m;
  }

  public static Map<String, Long> percentiles(List<Long> values) {
    List<Long> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    Collections.sort(sorted);
    Map<String, Long> m = new LinkedHashMap<>();
    for (int p : new int[] {50, 90, 99}) {
      m.put("p" + p, sorted.isEmpty() ? 0
          : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
    m.put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    return m;
  }
}
