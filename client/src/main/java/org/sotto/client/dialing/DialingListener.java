package org.sotto.client.dialing;

/**
 * What dialing reports, for user interfaces and logs. Called on the dialing executor; keep it
 * quick.
 */
public interface DialingListener {

  /**
   * A verified invitation arrived; answer it with {@link DialingParticipant#accept} or
   * {@link DialingParticipant#decline}.
   */
  void invitationReceived(IncomingInvitation invitation);

  /** An outgoing call's invitation went into dialing round {@code dialingRound}. */
  default void callSent(OutgoingCall call, long dialingRound) {}

  /** An outgoing call goes out again in a later round (its round was aborted or refused). */
  default void callDelayed(OutgoingCall call, String why) {}

  /** A dialing round's settings failed verification, or the coordinator refused the onion. */
  default void dialingRoundFailed(long dialingRound, String why) {}
}
