package org.sotto.client.dialing;

import org.sotto.client.identity.Contact;

/**
 * Dialing without dialing rounds, until those exist: {@link #dial} sends nothing and returns a
 * start round a few rounds ahead, which the caller passes to the callee some other way (the CLI
 * prints the command to run: {@code sotto client contacts accept CALLER --round N}). It receives
 * no invitations. The real dialer replaces it through {@link DialerFactory} without any other
 * change to the client.
 */
public final class OutOfBandDialer implements Dialer {
  /** Rounds between now and the start round, so the caller's own round in flight is not it. */
  static final long LEAD_ROUNDS = 2;

  private final DialingContext context;

  public OutOfBandDialer(DialingContext context) {
    this.context = context;
  }

  @Override
  public long dial(Contact callee) {
    return context.currentRound() + LEAD_ROUNDS;
  }

  @Override
  public void close() {}
}
