package org.sotto.client;

import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.client.dialing.Invitation;

/**
 * Events of a {@link SottoClient}, for the CLI and the desktop client. Every method has an empty
 * default, so a listener implements only what it shows. Calls come from the client's network and
 * round threads: return quickly, and hand anything slow (or any Swing work) to your own thread.
 */
public interface SottoListener {

  /**
   * A message arrived, in order and exactly once; it is in the inbox until
   * {@link SottoClient#markRead} (messages received while no one listened are in
   * {@link SottoClient#unread}).
   */
  default void messageReceived(ChatMessage message) {}

  /** An outgoing message moved to {@code state}. */
  default void deliveryChanged(String peer, long sequence, Delivery state) {}

  /**
   * An answer in the conversation with {@code peer} was dropped instead of delivered. Kinds that
   * are {@link ReceiveAnomaly#expected() expected} are go-back-N at work; the others mean the
   * answer was tampered with, replayed or forged on the way.
   */
  default void answerDropped(String peer, ReceiveAnomaly kind) {}

  /** Someone invites this user to talk; accept or decline through the client. */
  default void invitationReceived(Invitation invitation) {}

  /**
   * An invitation was dropped because its caller is not who it claims to be (its keys are not
   * the named user's in the directory), with the reason; nothing was stored or sent.
   */
  default void invitationRefused(String claimedCaller, String reason) {}

  /**
   * A scheduled sync of the client's mirror of the directory failed, with the reason: the
   * directory was unreachable (retried next dialing round), or it sent a record that does not
   * verify, which was refused (the mirror keeps what it had).
   */
  default void directorySyncFailed(String reason) {}

  /**
   * No session ticket could be had, or the coordinator refused one (docs/protocol.md §17): the
   * session opens without a ticket, which the coordinator admits only within its anonymous
   * limits.
   */
  default void sessionTicketProblem(String reason) {}

  /** The connection to the coordinator came up or went down (it reconnects by itself). */
  default void connectionChanged(boolean connected, String detail) {}

  /** A round opened, completed, aborted, or was refused. */
  default void roundStatus(RoundStatus status) {}
}
