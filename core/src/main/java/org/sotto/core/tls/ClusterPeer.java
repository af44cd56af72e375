package org.sotto.core.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a cluster certificate belongs to: the node's role and its name in the descriptor. The
 * cluster CA writes both into every node certificate as a URI subject alternative name,
 * {@code urn:sotto:node:<role>:<name>} (docs/operator-guide.md, "Who may call whom"), so a server
 * can tell from the TLS handshake alone which node calls it, and refuse calls its role may not
 * make. Certificates without that name (issued before roles existed) carry no role at all.
 */
public record ClusterPeer(Role role, String name) {
  static final String URN_PREFIX = "urn:sotto:node:";
  private static final int SAN_URI = 6;

  /** The roles of cluster nodes. Clients have no cluster certificate. */
  public enum Role {
    COORDINATOR, MIX, DEAD_DROP;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    static Optional<Role> ofLabel(String label) {
      for (Role r : values()) {
        if (r.label().equals(label)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  public ClusterPeer {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a node name is 1 to 64 letters, digits, '.', '_' or '-'"
          + ", got '" + name + "'");
    }
  }

  public static ClusterPeer coordinator(String name) {
    return new ClusterPeer(Role.COORDINATOR, name);
  }

  public static ClusterPeer mix(String name) {
    return new ClusterPeer(Role.MIX, name);
  }

  public static ClusterPeer deadDrop(String name) {
    return new ClusterPeer(Role.DEAD_DROP, name);
  }

  /** The URI the CA writes into this node's certificate. */
  public String urn() {
    return URN_PREFIX + role.label() + ":" + name;
  }

  /** The node a certificate names, if it names exactly one. */
  public static Optional<ClusterPeer> of(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    if (names == null) {
      return Optional.empty();
    }
    List<ClusterPeer> peers = names.stream()
        .filter(n -> n.size() == 2 && Integer.valueOf(SAN_URI).equals(n.get(0)))
        .map(n -> String.valueOf(n.get(1)))
        .map(ClusterPeer::parse).flatMap(Optional::stream).toList();
    return peers.size() == 1 ? Optional.of(peers.get(0)) : Optional.empty();
  }

  static Optional<ClusterPeer> parse(String uri) {
    if (!uri.startsWith(URN_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = uri.substring(URN_PREFIX.length()).split(":", 2);
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Role.ofLabel(parts[0]).map(r -> new ClusterPeer(r, parts[1]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return role.label() + " " + name;
  }
}
