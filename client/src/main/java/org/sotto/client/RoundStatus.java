package org.sotto.client;

/**
 * What happened to one round, for a status bar.
 *
 * @param round the round number
 * @param kind what happened
 * @param detail why, for ABORTED, REFUSED and REJECTED; empty otherwise
 */
public record RoundStatus(long round, Kind kind, String detail) {

  /** The life of a round as a client sees it. */
  public enum Kind {
    /** Its settings arrived and verified; the client sends in it. */
    OPENED,
    /** Its replies arrived. */
    COMPLETED,
    /** The cluster aborted it; whatever was in it goes out again. */
    ABORTED,
    /**
     * Its settings failed verification against the pinned descriptor: nothing was sent. Seen
     * round after round, it means the cluster is not the one pinned.
     */
    REFUSED,
    /** The coordinator refused this client's submission (too late, for instance). */
    REJECTED
  }
}
