package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The OpenRound latency estimator (RFC 6298's) on a fake clock: samples are the time between
 * {@code start} and {@code answered} on that clock, so nothing here sleeps.
 */
class HopLatencyTest {
  private static final long MS = 1_000_000;
  private static final long FLOOR = 2_000;
  private static final long CEILING = 10_000;

  private final AtomicLong now = new AtomicLong(42 * MS);
  private final HopLatency latency = new HopLatency(3, now::get);

  /** The mix at {@code hop} answers after {@code ms}. */
  private void answers(int hop, long ms) {
    long start = latency.start();
    now.addAndGet(ms * MS);
    latency.answered(hop, start);
  }

  @Test
  void beforeAnyAnswerTheDeadlineIsTheFloorAndOneRoundOpensAtATime() {
    assertThat(latency.timeoutMs(0, FLOOR, CEILING)).isEqualTo(FLOOR);
    assertThat(latency.smoothedMs(0)).isEqualTo(-1);
    assertThat(latency.depth(2_000)).isEqualTo(1);
  }

  @Test
  void samplesAreSmoothedAsRfc6298Says() {
    answers(1, 2_000); // first: SRTT = R, RTTVAR = R/2
    assertThat(latency.smoothedMs(1)).isEqualTo(2_000);
    assertThat(latency.deviationMs(1)).isEqualTo(1_000);
    assertThat(latency.timeoutMs(1, FLOOR, 100_000)).isEqualTo(2_000 + 4 * 1_000);
    answers(1, 2_400); // RTTVAR = 3/4·1000 + 1/4·|2000 − 2400| = 850; SRTT = 7/8·2000 + 1/8·2400
    assertThat(latency.deviationMs(1)).isCloseTo(850, within(1e-9));
    assertThat(latency.smoothedMs(1)).isCloseTo(2_050, within(1e-9));
    assertThat(latency.timeoutMs(1, FLOOR, 100_000)).isEqualTo(2_050 + 4 * 850);
    assertThat(latency.smoothedMs(0)).as("each mix has its own").isEqualTo(-1);
  }

  @Test
  void aSteadySlowLinkGetsADeadlineJustAboveItsRoundTripAndAFastOneTheFloor() {
    for (int i = 0; i < 60; i++) {
      answers(0, 5);
      answers(1, 2_000 + (i % 2) * 40); // a 1,000 ms link each way, ±20 ms
      answers(2, 5);
    }
    long slow = latency.timeoutMs(1, FLOOR, CEILING);
    assertThat(slow).as("above every sample, with the least margin")
        .isBetween(2_040L + 1, 2_020L + HopLatency.MARGIN_MS + 100);
    assertThat(latency.timeoutMs(0, FLOOR, CEILING)).isEqualTo(FLOOR);
    // Opening takes about 2 s: at 2 s rounds two rounds open at once, at 1 s three.
    assertThat(latency.depth(2_000)).isEqualTo(2);
    assertThat(latency.depth(1_000)).isEqualTo(3);
    assertThat(latency.depth(250)).isEqualTo(HopLatency.MAX_DEPTH);
    assertThat(latency.depth(10_000)).isEqualTo(1);
  }

  @Test
  void timeoutsDoubleTheDeadlineUpToTheCeilingAndAnAnswerEndsTheBackoff() {
    for (int i = 0; i < 20; i++) {
      answers(2, 5);
    }
    assertThat(latency.depth(1_000)).isEqualTo(1);
    // The mix stops answering (SIGSTOP): every call still fails, within the ceiling.
    latency.timedOut(2);
    assertThat(latency.timeoutMs(2, FLOOR, CEILING)).isEqualTo(2 * FLOOR);
    latency.timedOut(2);
    assertThat(latency.timeoutMs(2, FLOOR, CEILING)).isEqualTo(4 * FLOOR);
    for (int i = 0; i < 100; i++) {
      latency.timedOut(2);
    }
    assertThat(latency.timeoutMs(2, FLOOR, CEILING)).isEqualTo(CEILING);
    assertThat(latency.depth(1_000)).as("one round at a time while a mix does not answer")
        .isEqualTo(1);
    assertThat(latency.backedOff()).isTrue();
    // It resumes and answers the call that was waiting: back to the floor at once.
    answers(2, 7_000);
    assertThat(latency.backedOff()).isFalse();
    latency.refused(2); // RESOURCE_EXHAUSTED, UNAVAILABLE: one round at a time until it answers
    assertThat(latency.depth(1)).isEqualTo(1);
    assertThat(latency.timeoutMs(2, FLOOR, CEILING)).isLessThan(CEILING);
    answers(2, 5);
    answers(2, 5);
    long after = latency.timeoutMs(2, FLOOR, CEILING);
    for (int i = 0; i < 30; i++) {
      answers(2, 5);
    }
    assertThat(latency.timeoutMs(2, FLOOR, CEILING)).isEqualTo(FLOOR).isLessThanOrEqualTo(after);
  }

  @Test
  void aLinkThatTurnsSlowIsLearnedAfterOneTimeout() {
    for (int i = 0; i < 20; i++) {
      answers(1, 5);
    }
    // 1,000 ms each way from now on: the first call runs out at the floor (2 s) ...
    assertThat(latency.timeoutMs(1, FLOOR, CEILING)).isEqualTo(FLOOR);
    latency.timedOut(1);
    // ... the next is given twice as long, answers after 2,050 ms, and from then on every
    // deadline stays above the link's round trip.
    assertThat(latency.timeoutMs(1, FLOOR, CEILING)).isEqualTo(2 * FLOOR);
    for (int i = 0; i < 40; i++) {
      answers(1, 2_050);
      assertThat(latency.timeoutMs(1, FLOOR, CEILING)).as("after answer %d", i)
          .isGreaterThan(2_050 + 100);
    }
  }
}
