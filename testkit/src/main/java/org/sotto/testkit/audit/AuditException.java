package org.sotto.testkit.audit;

/** An audit that could not be carried out (as opposed to one that ran and found a leak). */
public final class AuditException extends Exception {
  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
