package org.sotto.core.store;

/** A local database failed: disk full, file unreadable, or a newer schema than this version. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
