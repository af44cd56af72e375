package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The onions of one round while its window is open. Each session submits once; when the window
 * closes the onions are laid out as one batch, and the layout remembers which slots are whose so
 * the replies can go back to the right streams.
 */
final class RoundCollection {
  enum Outcome { ACCEPTED, DUPLICATE, CLOSED }

  /** The batch and, for each session that took part, where its slots start in it. */
  record Closed(long round, byte[][] onions, List<SessionId> sessions, int slots) {
    /** A round that never collected anything (it failed to open, or was cut short). */
    static Closed empty(long round, int slots) {
      return new Closed(round, new byte[0][], List.of(), slots);
    }
  }

  private final long round;
  private final int slots;
  private final Map<SessionId, List<ByteString>> submissions = new LinkedHashMap<>();
  private boolean open = true;

  RoundCollection(long round, int slots) {
    this.round = round;
    this.slots = slots;
  }

  long round() {
    return round;
  }

  synchronized Outcome submit(SessionId session, List<ByteString> onions) {
    if (!open) {
      return Outcome.CLOSED;
    }
    return submissions.putIfAbsent(session, onions) == null ? Outcome.ACCEPTED
        : Outcome.DUPLICATE;
  }

  synchronized Closed close() {
    open = false;
    byte[][] batch = new byte[submissions.size() * slots][];
    List<SessionId> order = new ArrayList<>(submissions.size());
    int i = 0;
    for (Map.Entry<SessionId, List<ByteString>> e : submissions.entrySet()) {
      order.add(e.getKey());
      for (ByteString onion : e.getValue()) {
        batch[i++] = onion.toByteArray();
      }
    }
    submissions.clear();
    return new Closed(round, batch, order, slots);
  }
}
