package org.sotto.client.dialing;

import org.sotto.client.SottoException;
import org.sotto.client.identity.Contact;

/**
 * The seam between the client and dialing (Alpenhorn/Vuvuzela-style dialing rounds, built
 * separately). The client creates one dialer per session through a {@link DialerFactory}, once
 * it has an identity and a connection:
 *
 * <ul>
 *   <li>{@link #dial} asks a contact to talk. The dialer seals an invitation to the callee's
 *       X25519 key for a coming dialing round and returns the conversation round both sides will
 *       anchor their ratchets at. The client starts its side of the conversation right away; until
 *       the callee accepts, its dead drops stay half-empty and queued messages simply wait.
 *   <li>invitations found in this user's bucket go to the {@link InvitationListener} of the
 *       {@link DialingContext}; the client stores them and lets the user accept (which starts the
 *       conversation at the invitation's start round) or decline (which sends nothing).
 *   <li>a dialer that dials no one still takes part in every dialing round with cover: that is
 *       the dialer's job, not the client's.
 * </ul>
 */
public interface Dialer extends AutoCloseable {

  /**
   * Queues an invitation to {@code callee}.
   *
   * @return the conversation round at which both peers' ratchets start
   */
  long dial(Contact callee) throws SottoException;

  /**
   * Invitations queued by {@link #dial} and not yet submitted in a dialing round. A one-shot
   * command waits for this to reach 0 before it exits.
   */
  default int pending() {
    return 0;
  }

  /** Stops taking part in dialing rounds. */
  @Override
  void close();
}
