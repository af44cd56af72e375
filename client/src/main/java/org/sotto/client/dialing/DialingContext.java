package org.sotto.client.dialing;

import io.grpc.ManagedChannel;
import java.util.concurrent.ScheduledExecutorService;
import org.sotto.client.identity.Identity;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;

/**
 * What a dialer gets to work with.
 *
 * @param me the user's identity (invitations are sealed to and opened with its X25519 key)
 * @param descriptor the pinned cluster (mix signing keys for dialing round-key signatures)
 * @param channel the TLS channel to the coordinator, shared with the round participant
 * @param x25519 the X25519 engine
 * @param scheduler the client's scheduler, for timers
 * @param invitations where incoming invitations go
 */
public record DialingContext(Identity me, ClusterDescriptor descriptor, ManagedChannel channel,
    X25519 x25519, ScheduledExecutorService scheduler, InvitationListener invitations) {

  /** The conversation round open now: rounds are wall-clock slots of the round interval. */
  public long currentRound() {
    return System.currentTimeMillis() / descriptor.roundIntervalMs();
  }
}
