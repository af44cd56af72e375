package org.sotto.coordinator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.ticket.SessionTicket;
import org.sotto.core.ticket.TicketEpochs;
import org.sotto.core.ticket.TicketPublicKey;

/**
 * Whether a session ticket shown at Subscribe is this cluster's and of the current epoch. A
 * minute of clock difference either side of an epoch boundary is forgiven, so a client whose
 * clock is slightly ahead is not refused with the ticket it just fetched.
 */
final class SessionTicketCheck {
  static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

  private final TicketPublicKey key;
  private final TicketEpochs epochs;
  private final Clock clock;

  SessionTicketCheck(SessionTicketSettings settings, Clock clock) {
    this.key = settings.publicKey();
    this.epochs = settings.epochs();
    this.clock = clock;
  }

  /** Why {@code ticket} is refused, in words, or null when it admits a session now. */
  String problem(org.sotto.proto.SessionTicket ticket) {
    Instant now = clock.instant();
    long epoch = ticket.getEpoch();
    if (Long.compareUnsigned(epoch, epochs.epochAt(now.minus(CLOCK_TOLERANCE))) < 0
        || Long.compareUnsigned(epoch, epochs.epochAt(now.plus(CLOCK_TOLERANCE))) > 0) {
      return "the session ticket is for epoch " + Long.toUnsignedString(epoch) + ", not the "
          + "current one (" + epochs.epochAt(now) + "); fetch a new ticket or check this "
          + "device's clock";
    }
    if (!key.verifies(new SessionTicket(epoch, ticket.getSerial().toByteArray(),
        ticket.getSignature().toByteArray()))) {
      return "the session ticket is not signed by this cluster's ticket key; fetch a new one";
    }
    return null;
  }
}
