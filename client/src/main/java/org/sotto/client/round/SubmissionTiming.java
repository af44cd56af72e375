package org.sotto.client.round;

import org.sotto.core.crypto.Randoms;

/**
 * When, within a round's collection window, a client prepares its onions and when it submits
 * them. The coordinator sees the moment each submission arrives; if that moment depended on what
 * the user is doing (a chatting client writes its ratchet to disk, signs and first reads the
 * previous round's replies; an idle one does not), it would tell chatting clients from idle ones
 * with no regard for the noise. So the submission time is drawn afresh every round from one
 * distribution that nothing about the user enters, and the work whose length does depend on the
 * user is done before it (see {@link RoundSubmitter}).
 *
 * <p>Times are measured from the moment the round's settings arrive, as fractions of the time the
 * coordinator said is left, {@code submit_deadline_unix_ms − server_time_unix_ms}: both are on
 * the coordinator's clock, so a client whose own clock is off by minutes still submits at the
 * same point of the window as everyone else (only the network delay of the settings is
 * unaccounted for, and the margin below covers it).
 */
public interface SubmissionTiming {

  /**
   * The default, for conversation and dialing rounds alike:
   *
   * <ul>
   *   <li>preparation starts once the previous round's replies are in, and at the latest 20 % into
   *       the time left;
   *   <li>the submission goes out at a point drawn uniformly from 40 % to 70 % of the time left.
   *       At least 20 % of the window (400 ms of a 2 s round, 2 s of a 10 s dialing round) lies
   *       between the latest start of the preparation and the earliest submission; at least 30 %
   *       (600 ms, 3 s) lies between the latest submission and the deadline, for the network and
   *       a busy machine. A drawn point rather than one fixed instant spreads the clients'
   *       submissions over 30 % of the window, so the coordinator is not sent every onion in the
   *       same millisecond, and arrival order within a round is random instead of following each
   *       client's network distance.
   * </ul>
   */
  SubmissionTiming DEFAULT = new Uniform(0.2, 0.4, 0.7);

  /** How long after the settings arrived the preparation starts at the latest, in ms. */
  long prepareByMs(long remainingMs);

  /** How long after the settings arrived to submit, in ms; drawn afresh for every round. */
  long submitAfterMs(long remainingMs);

  /**
   * The time the coordinator said is left for a round, in ms: {@code deadline − serverTime},
   * never more than one round interval (a coordinator that does not fill in its clock, or sends
   * nonsense, gets the interval) and never less than 0.
   */
  static long remainingMs(long deadlineUnixMs, long serverTimeUnixMs, long intervalMs) {
    if (serverTimeUnixMs <= 0) {
      return intervalMs;
    }
    return Math.max(0, Math.min(intervalMs, deadlineUnixMs - serverTimeUnixMs));
  }

  /** Preparation by {@code prepareBy}, submission uniform in [earliest, latest), as fractions. */
  record Uniform(double prepareBy, double earliest, double latest) implements SubmissionTiming {
    public Uniform {
      if (!(0 <= prepareBy && prepareBy <= earliest && earliest <= latest && latest < 1)) {
        throw new IllegalArgumentException("need 0 <= prepareBy <= earliest <= latest < 1, not "
            + prepareBy + ", " + earliest + ", " + latest);
      }
    }

    @Override
    public long prepareByMs(long remainingMs) {
      return Math.round(remainingMs * prepareBy);
    }

    @Override
    public long submitAfterMs(long remainingMs) {
      return Math.round(remainingMs * (earliest + (latest - earliest)
          * Randoms.perThread().nextDouble()));
    }
  }
}
