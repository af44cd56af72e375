package org.sotto.client;

import java.nio.file.Path;

/**
 * Where a client keeps its state and which cluster it talks to.
 *
 * @param dataDir the client's folder: database, pinned descriptor, lock (created, owner-only)
 * @param descriptor the cluster descriptor to pin or check; null to use the one pinned before
 * @param trustNewDescriptor accept a descriptor that differs from the pinned one (the user
 *     compared its fingerprint with the operators)
 */
public record ClientSettings(Path dataDir, Path descriptor, boolean trustNewDescriptor) {

  public ClientSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("a client needs a data folder");
    }
  }

  /** The usual settings: pin {@code descriptor} (null: the pinned one). */
  public static ClientSettings of(Path dataDir, Path descriptor) {
    return new ClientSettings(dataDir, descriptor, false);
  }

  public ClientSettings trustingNewDescriptor() {
    return new ClientSettings(dataDir, descriptor, true);
  }
}
