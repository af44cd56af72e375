package org.sotto.client.dialing;

import java.util.concurrent.atomic.LongAdder;
import org.sotto.core.wire.RejectedInputException;

/** What one client's dialing did, for status displays, logs and tests. */
public final class DialingStats {
  private final LongAdder onionsSent = new LongAdder();
  private final LongAdder invitationsSent = new LongAdder();
  private final LongAdder bucketsFetched = new LongAdder();
  private final LongAdder scanned = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder forged = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder impostors = new LongAdder();

  void sent(boolean real) {
    onionsSent.increment();
    if (real) {
      invitationsSent.increment();
    }
  }

  void fetched(int invitations) {
    bucketsFetched.increment();
    scanned.add(invitations);
  }

  void received() {
    received.increment();
  }

  void rejected(RejectedInputException.Reason reason) {
    switch (reason) {
      case BAD_SIGNATURE -> forged.increment();
      case MALFORMED -> malformed.increment();
      default -> { } // BAD_MAC: for someone else, or noise; the normal case
    }
  }

  void impostor() {
    impostors.increment();
  }

  /** Dialing onions submitted, real and cover alike. */
  public long onionsSent() {
    return onionsSent.sum();
  }

  /** Of those, the ones carrying a real invitation. */
  public long invitationsSent() {
    return invitationsSent.sum();
  }

  public long bucketsFetched() {
    return bucketsFetched.sum();
  }

  /** Invitations trial-decrypted, over all buckets fetched. */
  public long invitationsScanned() {
    return scanned.sum();
  }

  /** Verified invitations handed to the listener (each call once). */
  public long invitationsReceived() {
    return received.sum();
  }

  /** Sealed to this client, but not signed by the key they name: dropped. */
  public long forgedInvitations() {
    return forged.sum();
  }

  /** Sealed to this client, but with fields no honest client writes: dropped. */
  public long malformedInvitations() {
    return malformed.sum();
  }

  /** Validly signed, but the {@link CallerCheck} says the keys are not the name's: dropped. */
  public long impostorInvitations() {
    return impostors.sum();
  }
}
