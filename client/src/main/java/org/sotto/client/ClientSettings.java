package org.sotto.client;

import io.grpc.ClientInterceptor;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a client keeps its state and which cluster it talks to.
 *
 * @param dataDir the client's folder: database, pinned descriptor, lock (created, owner-only)
 * @param descriptor the cluster descriptor to pin or check; null to use the one pinned before
 * @param trustNewDescriptor accept a descriptor that differs from the pinned one (the user
 *     compared its fingerprint with the operators)
 * @param interceptors what every call to the coordinator passes through (as gRPC chains them:
 *     the last runs first), for tools that watch or perturb a client such as {@code sotto
 *     audit}; usually none
 */
public record ClientSettings(Path dataDir, Path descriptor, boolean trustNewDescriptor,
    List<ClientInterceptor> interceptors) {

  public ClientSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("a client needs a data folder");
    }
    interceptors = interceptors == null ? List.of() : List.copyOf(interceptors);
  }

  public ClientSettings(Path dataDir, Path descriptor, boolean trustNewDescriptor) {
    this(dataDir, descriptor, trustNewDescriptor, List.of());
  }

  /** The usual settings: pin {@code descriptor} (null: the pinned one). */
  public static ClientSettings of(Path dataDir, Path descriptor) {
    return new ClientSettings(dataDir, descriptor, false);
  }

  public ClientSettings trustingNewDescriptor() {
    return new ClientSettings(dataDir, descriptor, true, interceptors);
  }

  /** The same settings, every call to the coordinator passing through {@code added} too. */
  public ClientSettings intercepting(ClientInterceptor... added) {
    List<ClientInterceptor> all = new java.util.ArrayList<>(interceptors);
    all.addAll(List.of(added));
    return new ClientSettings(dataDir, descriptor, trustNewDescriptor, all);
  }
}
