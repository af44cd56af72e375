package org.sotto.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.client.round.CoverTraffic;
import org.sotto.client.round.RoundTraffic;

/**
 * What every benchmark client sends: cover requests, which the servers cannot tell from
 * conversation traffic and which cost them exactly the same. Records, per round, how many replies
 * came back and when the last one did.
 *
 * <p>It also keeps the clients out of the measurement. The clients run in the benchmark's process,
 * on the same cores as the servers, and a client asks for its next round's requests (then wraps
 * them: six X25519 each) as soon as its reply to the previous round is in, while other clients'
 * replies are still being delivered. {@link #requestsFor} therefore holds a client until the
 * benchmark has {@link #finished finished} every earlier round it sent in (all replies in, or
 * given up), so no wrapping overlaps a measured round; the round interval leaves time to wrap
 * before the next window closes. (Running them at {@code nice 19} instead was tried: on a machine
 * shared with other builds the clients then starve and miss their windows.)
 */
final class BenchTraffic implements RoundTraffic {
  private final Map<Long, AtomicLong> answered = new ConcurrentHashMap<>();
  private final Map<Long, AtomicLong> lastReplyAt = new ConcurrentHashMap<>();
  private final AtomicLong lost = new AtomicLong();
  private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
  private final long maxHoldMs;

  BenchTraffic(long maxHoldMs) {
    this.maxHoldMs = maxHoldMs;
  }

  @Override
  public List<byte[]> requestsFor(long round, int slots) {
    awaitEarlierRounds(round);
    unfinished.add(round);
    List<byte[]> requests = new ArrayList<>(slots);
    for (int i = 0; i < slots; i++) {
      requests.add(CoverTraffic.request());
    }
    return requests;
  }

  private void awaitEarlierRounds(long round) {
    long deadline = System.currentTimeMillis() + maxHoldMs;
    synchronized (this) {
      while (!unfinished.headSet(round).isEmpty()) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The benchmark is done with {@code round} and every earlier one: let the clients go on. */
  synchronized void finished(long round) {
    unfinished.headSet(round, true).clear();
    notifyAll();
  }

  @Override
  public void answered(long round, int slot, byte[] answer) {
    lastReplyAt.computeIfAbsent(round, r -> new AtomicLong()).accumulateAndGet(
        System.currentTimeMillis(), Math::max);
    answered.computeIfAbsent(round, r -> new AtomicLong()).incrementAndGet();
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
