package org.sotto.client.round;

import java.util.Optional;
import org.sotto.proto.SessionTicket;

/**
 * Where a round participant gets the session ticket it shows when it opens a session
 * (docs/protocol.md §17). Without one the session is anonymous, which the coordinator admits
 * within its anonymous limits.
 */
public interface TicketSource {
  /** No tickets: every session is anonymous (bots, load tools, clusters without tickets). */
  TicketSource NONE = Optional::empty;

  /** The ticket for a session opened now, if there is one; may ask the directory for one. */
  Optional<SessionTicket> ticket();

  /** The coordinator refused the ticket last given: forget it. */
  default void refused(String why) {}
}
