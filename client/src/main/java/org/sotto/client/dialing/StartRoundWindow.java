package org.sotto.client.dialing;

import org.sotto.core.cluster.ClusterDescriptor;

/**
 * Which start rounds an incoming invitation may ask for (docs/protocol.md §14.7). A caller picks
 * the latest conversation round it has seen, so an honest start round is at most a little ahead
 * of the callee's own latest round (the two clients saw the round open at slightly different
 * times) and at most as old as the invitation's dialing round, which stays fetchable for as long
 * as the coordinator keeps buckets. Anything else is refused before the user sees it: a start
 * round of 0 would cost the callee about 10⁹ ratchet steps to reach the current round, and one
 * far ahead would park the conversation where no message can flow for days.
 */
final class StartRoundWindow {
  /** How far behind the callee's latest round a start round may be: two days of rounds. */
  static final long MAX_AGE_MS = 2 * 24 * 3600 * 1000L;
  /** How far ahead: a minute of rounds, for clients that see rounds open at different times. */
  static final long MAX_AHEAD_MS = 60 * 1000L;

  private final long maxBehind;
  private final long maxAhead;

  StartRoundWindow(ClusterDescriptor descriptor) {
    this.maxBehind = MAX_AGE_MS / descriptor.roundIntervalMs();
    this.maxAhead = Math.max(2, MAX_AHEAD_MS / descriptor.roundIntervalMs());
  }

  /** Why {@code startRound} is refused when the latest round seen here is {@code latest}, or null. */
  String problem(long startRound, long latest) {
    if (startRound > latest + maxAhead) {
      return "it asks to start at round " + startRound + ", " + (startRound - latest)
          + " rounds after the current one (at most " + maxAhead + ")";
    }
    if (startRound < latest - maxBehind) {
      return "it asks to start at round " + startRound + ", " + (latest - startRound)
          + " rounds before the current one (at most " + maxBehind + ", two days)";
    }
    return null;
  }
}
