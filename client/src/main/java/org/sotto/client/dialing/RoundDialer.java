package org.sotto.client.dialing;

import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.client.identity.Contact;
import org.sotto.client.round.SessionObserver;

/**
 * The client's {@link Dialer}: real dialing rounds through a {@link DialingParticipant} on the
 * session of the client's round participant ({@link #sessionObserver()}).
 *
 * <ul>
 *   <li>{@link #dial} places a call: its start round is fixed at once (so the client starts its
 *       side right away) and its invitation goes out in the next dialing round;
 *   <li>every verified invitation (the {@link DialingContext#callers()} check vouched for the
 *       caller's name) is handed to the context's {@link InvitationListener} as an
 *       {@link Invitation}; from then on the client's store owns it (accept starts the
 *       conversation at its start round, decline forgets it; neither sends anything), so the
 *       engine's own inbox lets go of it. The engine still remembers the call, so a resent copy
 *       (after an aborted round) is not reported twice.
 * </ul>
 */
public final class RoundDialer implements Dialer {
  private final DialingContext context;
  private final DialingParticipant engine;

  public RoundDialer(DialingContext context) {
    this.context = context;
    this.engine = new DialingParticipant(context.descriptor(), context.channel(), context.me(),
        context.x25519(), context.callers(), new DialingListener() {
          @Override
          public void invitationReceived(IncomingInvitation invitation) {
            handOver(invitation);
          }
        }, context.scheduler());
  }

  private void handOver(IncomingInvitation incoming) {
    engine.decline(incoming); // the client's store keeps it now; the engine sends nothing
    context.invitations().invited(new Invitation(incoming.caller(), incoming.startRound(),
        System.currentTimeMillis()));
  }

  /** The engine, for statistics and tests. */
  public DialingParticipant engine() {
    return engine;
  }

  @Override
  public long dial(Contact callee) throws SottoException {
    try {
      return engine.dial(callee).start().startRound();
    } catch (IllegalArgumentException e) {
      throw new SottoException(Reason.INVALID, e.getMessage(), e);
    }
  }

  @Override
  public int pending() {
    return engine.pendingCalls();
  }

  @Override
  public SessionObserver sessionObserver() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
