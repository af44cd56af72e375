package org.sotto.client.dialing;

/** Where a {@link Dialer} hands the invitations it finds addressed to this user. */
@FunctionalInterface
public interface InvitationListener {

  /** Called once per invitation, on the dialer's thread. */
  void invited(Invitation invitation);
}
