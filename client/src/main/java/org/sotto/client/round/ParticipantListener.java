package org.sotto.client.round;

/** What a client's round machinery reports, for status bars, logs and the demo. */
public interface ParticipantListener {

  default void connected(boolean connected, String detail) {}

  default void roundOpened(long round) {}

  default void roundCompleted(long round) {}

  default void roundAborted(long round, String reason) {}

  /** The round's settings failed verification against the pinned descriptor; nothing was sent. */
  default void roundRefused(long round, String reason) {}

  /** A submission was refused by the coordinator (too late, duplicate…). */
  default void submissionRejected(long round, String reason) {}
}
