package org.sotto.client;

/**
 * Why a client operation failed, in words the user can act on. The {@link Reason} lets a user
 * interface react (ask for the password again, offer to pick another name) without parsing text.
 */
public final class SottoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for user interfaces that react differently to each. */
  public enum Reason {
    /** The password is refused before it leaves this machine (too short, common, guessable). */
    WEAK_PASSWORD,
    /** The directory refused the username and password. */
    WRONG_PASSWORD,
    /** Someone else has the username. */
    USERNAME_TAKEN,
    /** The directory or the local database has no such user or contact. */
    UNKNOWN_CONTACT,
    /** There is no conversation with that contact yet (dial or accept first). */
    NO_CONVERSATION,
    /** No identity on this data folder: register or log in first. */
    NOT_LOGGED_IN,
    /** The cluster descriptor differs from the one pinned in this data folder. */
    DESCRIPTOR_CHANGED,
    /** Too many attempts; wait and retry. */
    RATE_LIMITED,
    /** The request itself is wrong (bad username, message too long...). */
    INVALID,
    /** Another device changed the same account data at the same time; retry. */
    CONFLICT,
    /** The cluster cannot be reached or failed; retry later. */
    UNAVAILABLE,
    /** Something that should verify did not (a backup, a directory answer): tampering or a bug. */
    TAMPERED,
    /** Another client process uses this data folder. */
    DATA_DIR_IN_USE,
    /** The local database failed (disk full, unreadable); nothing was changed. */
    STORAGE,
  }

  private final Reason reason;

  public SottoException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public SottoException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
