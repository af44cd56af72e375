package org.sotto.launcher.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.sotto.core.config.HostPort;

/**
 * Whether a node listens where the cluster descriptor tells its peers to connect. Peers dial the
 * descriptor's host:port, so a node listening on another port (or on a specific address that is
 * not the descriptor's host) starts cleanly and is never reached: every round then aborts with
 * the node "unavailable". Listening on a wildcard address (0.0.0.0, ::) matches any host.
 */
final class ListenAddressCheck {
  private ListenAddressCheck() {}

  /** The problem, in words, or empty when {@code listen} is reachable as {@code advertised}. */
  static Optional<String> problem(String node, HostPort listen, HostPort advertised) {
    if (listen.port() != advertised.port()) {
      return Optional.of("listen: port " + listen.port() + " differs from the descriptor, which "
          + "tells peers to connect to " + node + " at " + advertised + "; set 'listen' to port "
          + advertised.port() + " or correct the descriptor");
    }
    if (isWildcard(listen.host()) || sameHost(listen.host(), advertised.host())) {
      return Optional.empty();
    }
    return Optional.of("listen: address " + listen.host() + " is not " + advertised.host()
        + ", where the descriptor tells peers to connect to " + node + "; listen on "
        + advertised.host() + " (or 0.0.0.0 for every address) or correct the descriptor");
  }

  private static boolean isWildcard(String host) {
    try {
      return InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * True when the names are equal or the descriptor's name resolves to the listen address. A
   * descriptor name that does not resolve here (DNS seen only inside the cluster's network) cannot
   * be judged, so it passes.
   */
  private static boolean sameHost(String listenHost, String advertisedHost) {
    if (listenHost.equalsIgnoreCase(advertisedHost)) {
      return true;
    }
    InetAddress[] advertised;
    try {
      advertised = InetAddress.getAllByName(advertisedHost);
    } catch (UnknownHostException e) {
      return true;
    }
    try {
      InetAddress[] listening = InetAddress.getAllByName(listenHost);
      return Arrays.stream(listening).anyMatch(l -> Arrays.asList(advertised).contains(l));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
