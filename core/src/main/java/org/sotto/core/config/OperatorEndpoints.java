package org.sotto.core.config;

import java.util.List;

/**
 * Checks of the opt-in operator endpoints every server config has next to its {@code listen}
 * address: {@code metrics} (Prometheus over HTTP) and {@code health} (plaintext gRPC health).
 */
public final class OperatorEndpoints {
  private OperatorEndpoints() {}

  /** Problems when two of the node's listeners would ask for the same port. */
  public static List<String> problems(HostPort listen, HostPort metrics, HostPort health) {
    return new YamlConfig.Problems()
        .check(!clash(listen, metrics), "metrics: port " + port(metrics)
            + " is the gRPC 'listen' port; give metrics its own port (e.g. 9100)")
        .check(!clash(listen, health), "health: port " + port(health)
            + " is the gRPC 'listen' port; give health checks their own port (e.g. 7070)")
        .check(!clash(metrics, health), "health: port " + port(health)
            + " is the 'metrics' port; give each its own")
        .list();
  }

  private static boolean clash(HostPort a, HostPort b) {
    return a != null && b != null && a.port() != 0 && a.port() == b.port();
  }

  private static int port(HostPort a) {
    return a == null ? 0 : a.port();
  }
}
