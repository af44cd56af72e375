package org.sotto.client.dialing;

import java.util.List;
import org.sotto.client.identity.Contact;

/**
 * How a client calls and is called (Alpenhorn/Vuvuzela-style dialing; docs/protocol.md §14): what
 * the dialing engine ({@link DialingParticipant}) offers the rest of the client.
 * Nothing a user does here changes what goes on the wire: the client sends one dialing onion of
 * the same size every dialing round whether it dials or not, downloads its bucket every round
 * whether or not it expects a call, and accepting, declining or ignoring an invitation sends
 * nothing at all.
 *
 * <p>Both sides of a call end up with the same {@link ConversationStart}: the caller at once, from
 * {@link OutgoingCall#start()} (its conversation can run before the callee answers: its dead drops
 * simply stay half empty), the callee from {@link #accept}. Each opens its {@code Conversation}
 * with it and puts it into its round traffic; the two meet in the same dead drops from then on.
 */
public interface DialingEngine extends AutoCloseable {

  /**
   * Queues an invitation to {@code callee}; it goes out in the next dialing round this client
   * takes part in (one call per round, in order), and is sent again after an aborted round. The
   * call's start round is fixed now, so the caller can start its side at once.
   *
   * @throws IllegalArgumentException for a callee with this client's own username
   */
  OutgoingCall dial(Contact callee);

  /** Calls whose invitation is not yet in the callee's bucket (a one-shot command waits for 0). */
  int pendingCalls();

  /** Invitations that arrived and were neither accepted nor declined, oldest first. */
  List<IncomingInvitation> pendingInvitations();

  /**
   * Accepts an invitation: returns the conversation both sides derive. Sends nothing.
   *
   * @throws IllegalArgumentException if the invitation is not pending (already answered)
   */
  ConversationStart accept(IncomingInvitation invitation);

  /** Forgets an invitation. Sends nothing, so the caller cannot tell it from being ignored. */
  void decline(IncomingInvitation invitation);

  /** Stops taking part in dialing rounds. */
  @Override
  void close();
}
