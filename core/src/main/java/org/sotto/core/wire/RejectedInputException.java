package org.sotto.core.wire;

/**
 * The one exception every Sotto parser, peel and open raises for input it will not accept.
 *
 * <p>The {@link Reason} is what servers count per drop reason; the message says what was wrong in
 * words a user or operator can act on. Nothing else ever escapes a parser: fuzz tests pin that.
 */
public final class RejectedInputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an input was refused. Stable names: they become metric labels. */
  public enum Reason {
    WRONG_LENGTH,
    BAD_MAC,
    BAD_SIGNATURE,
    ZERO_SHARED_SECRET,
    MALFORMED,
  }

  private final Reason reason;

  public RejectedInputException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Throws WRONG_LENGTH unless {@code actual == expected}. */
  public static void requireLength(String what, int actual, int expected)
      throws RejectedInputException {
    if (actual != expected) {
      throw new RejectedInputException(
          Reason.WRONG_LENGTH, what + " must be " + expected + " bytes, got " + actual);
    }
  }
}
