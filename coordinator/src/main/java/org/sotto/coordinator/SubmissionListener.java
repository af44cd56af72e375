package org.sotto.coordinator;

import java.util.List;
import org.sotto.core.round.RoundKind;

/**
 * Told about every submission the coordinator accepts, conversation onions and dialing onions
 * alike: what the coordinator sees of each client, for tests that check an idle client's traffic
 * looks like a chatting one's. Called on the gRPC thread; keep it quick.
 */
@FunctionalInterface
public interface SubmissionListener {

  /**
   * @param session an opaque name of the submitting session (hex of its id)
   * @param onionSizes the size of each onion it submitted, in order
   */
  void accepted(RoundKind kind, long round, String session, List<Integer> onionSizes);

  /**
   * As {@link #accepted(RoundKind, long, String, List)}, with when the submission arrived:
   * {@code sinceAnnouncedNanos} after the coordinator announced the round to its clients. Only
   * listeners that study timing need it; the default passes the rest on.
   */
  default void accepted(RoundKind kind, long round, String session, List<Integer> onionSizes,
      long sinceAnnouncedNanos) {
    accepted(kind, round, session, onionSizes);
  }
}
