package org.sotto.coordinator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.ticket.TicketIssuerKey;

/** The coordinator's {@code session-ticket-key} file, read and checked against the descriptor. */
public final class SessionTicketKeyFile {
  private SessionTicketKeyFile() {}

  /**
   * The issuer's key when the descriptor has session tickets, null when it has none. A key that
   * is not the descriptor's would issue tickets no session could use, so it is refused here.
   *
   * @param file the config's session-ticket-key, resolved; may be null
   */
  public static TicketIssuerKey load(Path file, ClusterDescriptor descriptor)
      throws ConfigException {
    if (descriptor.sessionTickets() == null) {
      return null;
    }
    if (file == null) {
      throw problem("session-ticket-key: the descriptor has session-tickets, so give the "
          + "issuer's key file that cluster init wrote (session-tickets.key)");
    }
    TicketIssuerKey key;
    try {
      key = TicketIssuerKey.read(file);
    } catch (IOException e) {
      throw problem("session-ticket-key: cannot read " + file + " (" + e.getMessage() + ")");
    }
    if (!key.publicKey().equals(descriptor.sessionTickets().publicKey())) {
      throw problem("session-ticket-key: " + file + " is not the key of the descriptor's "
          + "session-tickets; use the file cluster init wrote with this descriptor");
    }
    return key;
  }

  private static ConfigException problem(String problem) {
    return new ConfigException("coordinator config", List.of(problem));
  }
}
