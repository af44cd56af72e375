package org.sotto.coordinator;

import java.util.function.LongSupplier;

/**
 * How long each mix takes to answer an OpenRound, measured on the coordinator's real calls, and
 * the deadlines and opening depth sized from it. A round opens hop by hop, last mix first, so a
 * link that is slow in either direction shows up as a slow OpenRound of the mix behind it.
 *
 * <p>The estimator is TCP's retransmission timer (RFC 6298, Paxson, Allman, Chu &amp; Sargent,
 * 2011, §2): per mix, a smoothed round-trip time {@code SRTT} and its mean deviation
 * {@code RTTVAR}; the first answer R sets {@code SRTT = R, RTTVAR = R/2}, each later one
 * {@code RTTVAR = 3/4·RTTVAR + 1/4·|SRTT − R|}, then {@code SRTT = 7/8·SRTT + 1/8·R}; the timeout
 * is {@code SRTT + max(G, 4·RTTVAR)}. The RFC's G is the clock granularity; here it is a least
 * margin of {@value #MARGIN_MS} ms above SRTT for what a steady link's samples do not show (a
 * garbage collection, a busy host), since a spurious timeout costs a whole round. As in §5.5, a
 * call that times out doubles that mix's timeout for the next call ("backing off the timer"), up
 * to the ceiling, until an answer gives a new measurement; a stuck mix so still makes every
 * opening fail within the ceiling. There is no
 * ambiguity of retransmissions here (Karn's problem): every OpenRound is a call of its own, so
 * every answer is a valid sample.
 *
 * <p>Why adaptive rather than one configured number: an open deadline only has to be longer than
 * a healthy mix needs, and how long that is depends on the links and the load the operator does
 * not know in advance (a mix across an ocean, a host that is swapping); one that adapts keeps a
 * slow but working link from aborting every round, and the ceiling still bounds how long a dead
 * one holds a round. An operator who wants a fixed deadline sets {@code open-timeout-ms}.
 *
 * <p>Thread-safe; the clock is injected so tests drive it by hand.
 */
final class HopLatency {
  /** RFC 6298's G: the least margin above SRTT, in ms. */
  static final long MARGIN_MS = 250;
  /** The most rounds opened ahead at once, so the mixes hold few unannounced keys. */
  static final int MAX_DEPTH = 4;
  /** Timeouts in a row after which the timer doubles no more (the ceiling binds long before). */
  private static final int MAX_BACKOFF = 8;

  private final LongSupplier nanoTime;
  private final double[] srtt;
  private final double[] rttvar;
  private final boolean[] measured;
  private final int[] backoff;
  private final boolean[] refused;

  /** @param nanoTime a monotonic clock in ns ({@code System::nanoTime}; a fake one in tests) */
  HopLatency(int hops, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.srtt = new double[hops];
    this.rttvar = new double[hops];
    this.measured = new boolean[hops];
    this.backoff = new int[hops];
    this.refused = new boolean[hops];
  }

  /** When a call starts, for {@link #answered}. */
  long start() {
    return nanoTime.getAsLong();
  }

  /** The mix at {@code hop} answered a call that started at {@code startNanos}. */
  synchronized void answered(int hop, long startNanos) {
    double r = Math.max(0, nanoTime.getAsLong() - startNanos) / 1e6;
    if (!measured[hop]) {
      srtt[hop] = r;
      rttvar[hop] = r / 2;
      measured[hop] = true;
    } else {
      rttvar[hop] = 0.75 * rttvar[hop] + 0.25 * Math.abs(srtt[hop] - r);
      srtt[hop] = 0.875 * srtt[hop] + 0.125 * r;
    }
    backoff[hop] = 0;
    refused[hop] = false;
  }

  /**
   * A call to the mix at {@code hop} failed otherwise (refused, unavailable, too many rounds
   * open): no sample, but one round opens at a time until it answers again.
   */
  synchronized void refused(int hop) {
    refused[hop] = true;
  }

  /** A call to the mix at {@code hop} ran out of time: its next deadline doubles. */
  synchronized void timedOut(int hop) {
    backoff[hop] = Math.min(MAX_BACKOFF, backoff[hop] + 1);
  }

  /**
   * The deadline of the next call to the mix at {@code hop}: RFC 6298's timeout, never under
   * {@code floorMs} (also before the first answer), doubled for each timeout in a row, never
   * over {@code ceilingMs}.
   */
  synchronized long timeoutMs(int hop, long floorMs, long ceilingMs) {
    double rto = measured[hop] ? srtt[hop] + Math.max(MARGIN_MS, 4 * rttvar[hop]) : 0;
    double t = Math.max(floorMs, Math.ceil(rto)) * (double) (1L << backoff[hop]);
    return (long) Math.min(ceilingMs, t);
  }

  /**
   * How many rounds should be opening at once so that each has opened by the start of its window:
   * a round starts opening when the one before it is announced and is needed one interval later
   * per round queued ahead of it, so the depth is the expected time to open the whole chain (the
   * sum over mixes of SRTT + RTTVAR) in round intervals, rounded up; at least 1, at most
   * {@value #MAX_DEPTH}. One deviation, not four as for deadlines: a round opened too late is
   * only announced late, while every round opened ahead is one more the mixes hold open (they
   * bound how many). While any mix is not answering (its timer backed off, or its last call
   * failed) it is 1, as TCP sends one segment after a timeout (RFC 5681
   * §3.1): a stuck mix then holds one round, not several.
   */
  synchronized int depth(long intervalMs) {
    double expected = 0;
    for (int hop = 0; hop < srtt.length; hop++) {
      if (backoff[hop] > 0 || refused[hop]) {
        return 1;
      }
      if (measured[hop]) {
        expected += srtt[hop] + rttvar[hop];
      }
    }
    long depth = (long) Math.ceil(expected / intervalMs);
    return (int) Math.max(1, Math.min(MAX_DEPTH, depth));
  }

  /** Whether some mix's last call ran out of time (its timer is backed off) or failed. */
  synchronized boolean backedOff() {
    for (int hop = 0; hop < backoff.length; hop++) {
      if (backoff[hop] > 0 || refused[hop]) {
        return true;
      }
    }
    return false;
  }

  /** SRTT of the mix at {@code hop} in ms, or -1 before its first answer (logs and tests). */
  synchronized double smoothedMs(int hop) {
    return measured[hop] ? srtt[hop] : -1;
  }

  /** RTTVAR of the mix at {@code hop} in ms, or -1 before its first answer. */
  synchronized double deviationMs(int hop) {
    return measured[hop] ? rttvar[hop] : -1;
  }
}
