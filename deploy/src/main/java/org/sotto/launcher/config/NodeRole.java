package org.sotto.launcher.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of file {@code sotto config check} knows, and how to tell them apart by their keys. */
enum NodeRole {
  COORDINATOR("hop-timeout-ms", "max-clients"),
  MIXNODE("signing-key", "forward-timeout-ms"),
  DEADDROP(),
  DESCRIPTOR("mixes", "dead-drops", "ca-certificate");

  private final Set<String> markers;

  NodeRole(String... markers) {
    this.markers = Set.of(markers);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role whose own keys the file has. A dead-drop shard's keys are a subset of the others', so
   * it is what is left: a file with {@code name} and {@code listen} and none of the other marks.
   */
  static Optional<NodeRole> detect(Set<String> keys) {
    Optional<NodeRole> found = Optional.empty();
    for (NodeRole role : values()) {
      if (!role.markers.isEmpty() && keys.stream().anyMatch(role.markers::contains)) {
        if (found.isPresent()) {
          return Optional.empty(); // keys of two roles: let the operator say which
        }
        found = Optional.of(role);
      }
    }
    if (found.isEmpty() && keys.contains("name") && keys.contains("listen")) {
      return Optional.of(DEADDROP);
    }
    return found;
  }
}
