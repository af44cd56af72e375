package org.sotto.client.round;

import com.google.protobuf.ByteString;
import org.sotto.proto.RoundEvent;

/**
 * Told about a {@link RoundParticipant}'s session, so other parts of the client can use the same
 * session and event stream: the coordinator gives each client one Subscribe stream, and every
 * event (dialing events included) arrives on it. Called on the stream's thread, so implementations
 * hand any real work to their own executor.
 */
public interface SessionObserver {
  /** Observes nothing. */
  SessionObserver NONE = new SessionObserver() {};

  /** A session opened; {@code sessionId} authenticates submissions until it closes. */
  default void sessionOpened(ByteString sessionId) {}

  /** Every event of the stream, after the round participant has handled its own. */
  default void event(RoundEvent event) {}

  /** The session ended (the participant reconnects with a new one unless closed). */
  default void sessionClosed(String why) {}
}
