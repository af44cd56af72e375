package org.sotto.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.client.round.CoverTraffic;
import org.sotto.client.round.RoundTraffic;

/**
 * What every benchmark client sends: cover requests, which the servers cannot tell from
 * conversation traffic and which cost them exactly the same. Records, per round, how many replies
 * came back and when the last one did.
 */
final class BenchTraffic implements RoundTraffic {
  private final Map<Long, AtomicLong> answered = new ConcurrentHashMap<>();
  private final Map<Long, AtomicLong> lastReplyAt = new ConcurrentHashMap<>();
  private final AtomicLong lost = new AtomicLong();

  @Override
  public List<byte[]> requestsFor(long round, int slots) {
    List<byte[]> requests = new ArrayList<>(slots);
    for (int i = 0; i < slots; i++) {
      requests.add(CoverTraffic.request());
    }
    return requests;
  }

  @Override
  public void answered(long round, int slot, byte[] answer) {
    answered.computeIfAbsent(round, r -> new AtomicLong()).incrementAndGet();
    lastReplyAt.computeIfAbsent(round, r -> new AtomicLong()).accumulateAndGet(
        System.currentTimeMillis(), Math::max);
  }

  @Override
  public void lost(long round, int slot, String why) {
    lost.incrementAndGet();
  }

  long answered(long round) {
    AtomicLong a = answered.get(round);
    return a == null ? 0 : a.get();
  }

  long lastReplyAt(long round) {
    AtomicLong a = lastReplyAt.get(round);
    return a == null ? 0 : a.get();
  }

  long lost() {
    return lost.get();
  }
}
