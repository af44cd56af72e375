package org.sotto.client.dialing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sotto.client.identity.Contact;

/**
 * Binds the name in an invitation to its keys. The invitation's signature proves only that the
 * caller holds the signing key it names; whether that key belongs to the name is for the
 * directory (or the user's contact list) to say. Invitations this check refuses are dropped and
 * counted as impostors. The dialing participant asks {@link #decide}, which may answer later (an
 * invitation from a name the client's mirror of the directory does not hold yet waits for its
 * next syncs).
 */
@FunctionalInterface
public interface CallerCheck {

  /**
   * Accepts the name every validly signed invitation claims. Only for tests and for users who
   * compare keys out of band.
   */
  CallerCheck UNCHECKED = caller -> true;

  /** Whether {@code caller}'s keys are the keys of {@code caller.username()}, as known now. */
  boolean vouchesFor(Contact caller);

  /** The same question, answered when the check can: by default at once. */
  default CompletionStage<Boolean> decide(Contact caller) {
    return CompletableFuture.completedFuture(vouchesFor(caller));
  }
}
