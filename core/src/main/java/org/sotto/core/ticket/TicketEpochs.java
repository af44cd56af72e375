package org.sotto.core.ticket;

import java.time.Instant;

/**
 * Epoch numbering shared by clients, directory and coordinator: epoch E covers
 * [E·length, (E+1)·length) seconds of unix time.
 *
 * @param lengthSeconds how long one epoch lasts
 */
public record TicketEpochs(long lengthSeconds) {
  public TicketEpochs {
    if (lengthSeconds < 60) {
      throw new IllegalArgumentException("an epoch lasts at least 60 s");
    }
  }

  public long epochAt(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), lengthSeconds);
  }

  public Instant start(long epoch) {
    return Instant.ofEpochSecond(epoch * lengthSeconds);
  }
}
