package org.sotto.launcher.gui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sotto.client.dialing.Dialer;
import org.sotto.client.dialing.DialerFactory;
import org.sotto.client.dialing.Invitation;
import org.sotto.client.dialing.InvitationListener;
import org.sotto.client.identity.Contact;

/**
 * Dialing between clients in one test JVM, until the library's dialing rounds exist: a dial hands
 * the invitation (the caller's real keys, a start round a few rounds ahead) straight to the
 * callee's invitation listener, as a dialing round would after it fetched its bucket. The clients
 * and the GUI see exactly what they would see with the real dialer.
 */
final class LoopbackDialers {
  private static final long LEAD_ROUNDS = 3;

  private final Map<String, InvitationListener> listening = new ConcurrentHashMap<>();

  DialerFactory factory() {
    return context -> {
      String me = context.me().username();
      InvitationListener mine = context.invitations();
      listening.put(me, mine);
      return new Dialer() {
        @Override
        public long dial(Contact callee) {
          long start = context.currentRound() + LEAD_ROUNDS;
          InvitationListener theirs = listening.get(callee.username());
          if (theirs != null) {
            Invitation inv = new Invitation(context.me().asContact(), start,
                System.currentTimeMillis());
            context.scheduler().execute(() -> theirs.invited(inv));
          }
          return start;
        }

        @Override
        public void close() {
          listening.remove(me, mine);
        }
      };
    };
  }
}
