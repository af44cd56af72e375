package org.sotto.simulations.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sotto.core.message.ConversationRatchet;

/**
 * Users replayed from a presence/conversation trace instead of simulated, so researchers can bring
 * their own data. The file is CSV with the header {@code round,event,user,peer} and one event per
 * line, rounds not decreasing (docs/researcher-guide.md, "Replaying a trace"):
 *
 * <ul>
 *   <li>{@code online} / {@code offline}: the user's client connects or disconnects at the start of
 *       that round ({@code peer} empty);
 *   <li>{@code talk} / {@code hangup}: the user and {@code peer} start or stop a conversation. Both
 *       must be online; a conversation also ends when either goes offline.
 * </ul>
 *
 * Users are numbered from 0 to {@code population.users} − 1; a user not in the trace stays
 * offline. The target's contacts, against which the attacks are scored, are the peers it ever
 * talks to in the trace. Dead drops come from a {@link ConversationRatchet} per conversation, as
 * in the simulated model.
 */
public final class TraceReplay implements Traffic {
  private static final String HEADER = "round,event,user,peer";

  enum Kind { ONLINE, OFFLINE, TALK, HANGUP }

  record Event(long round, Kind kind, int user, int peer) {}

  private final List<Event> events;
  private final ContactGraph contacts;
  private final double messageProbability;
  private final RandomGenerator random;
  private final BitSet online = new BitSet();
  private final Map<Integer, Talking> talkingOf = new HashMap<>();
  private final List<Talking> running = new ArrayList<>();
  private int nextEvent;
  private long round = -1;

  private record Talking(int a, int b, ConversationRatchet ratchet) {}

  private TraceReplay(List<Event> events, int users, double messageProbability,
      RandomGenerator random) {
    this.events = events;
    this.messageProbability = messageProbability;
    this.random = random;
    List<Set<Integer>> partners = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      partners.add(new HashSet<>());
    }
    for (Event e : events) {
      if (e.kind == Kind.TALK) {
        partners.get(e.user).add(e.peer);
      }
    }
    this.contacts = ContactGraph.of(partners.stream()
        .map(s -> s.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
  }

  /** Reads a trace; an error names the line and what is wrong with it. */
  public static TraceReplay load(Path file, int users, double messageProbability,
      RandomGenerator random) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new IOException(file + ": the first line must be the header " + HEADER);
    }
    List<Event> events = new ArrayList<>();
    long last = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Event e = parse(line, users, file + " line " + (i + 1));
      if (e.round < last) {
        throw new IOException(file + " line " + (i + 1) + ": round " + e.round
            + " comes after round " + last + "; sort the trace by round");
      }
      last = e.round;
      events.add(e);
    }
    return new TraceReplay(List.copyOf(events), users, messageProbability, random);
  }

  private static Event parse(String line, int users, String where) throws IOException {
    String[] f = line.split(",", -1);
    try {
      if (f.length != 4) {
        throw new IllegalArgumentException("expected 4 fields (" + HEADER + ")");
      }
      Kind kind = Kind.valueOf(f[1].strip().toUpperCase(Locale.ROOT));
      int user = Integer.parseInt(f[2].strip());
      boolean pairwise = kind == Kind.TALK || kind == Kind.HANGUP;
      int peer = pairwise ? Integer.parseInt(f[3].strip()) : -1;
      if (user < 0 || user >= users || (pairwise && (peer < 0 || peer >= users || peer == user))) {
        throw new IllegalArgumentException("users are numbered 0 to " + (users - 1)
            + " (population.users), and a peer differs from the user");
      }
      return new Event(Long.parseLong(f[0].strip()), kind, user, peer);
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": " + e.getMessage() + "; events are online, offline, "
          + "talk and hangup, e.g. 12,talk,3,7", e);
    }
  }

  @Override
  public ContactGraph contacts() {
    return contacts;
  }

  @Override
  public RoundActivity next() {
    round++;
    while (nextEvent < events.size() && events.get(nextEvent).round <= round) {
      apply(events.get(nextEvent++));
    }
    List<RoundActivity.Talk> talks = new ArrayList<>();
    List<RoundActivity.Message> messages = new ArrayList<>();
    for (Talking t : running) {
      talks.add(new RoundActivity.Talk(t.a, t.b, t.ratchet.advanceTo(round).deadDropId()));
      for (int[] m : new int[][] {{t.a, t.b}, {t.b, t.a}}) {
        if (random.nextDouble() < messageProbability) {
          messages.add(new RoundActivity.Message(m[0], m[1]));
        }
      }
    }
    return new RoundActivity(round, (BitSet) online.clone(), List.copyOf(talks),
        List.copyOf(messages));
  }

  private void apply(Event e) {
    switch (e.kind) {
      case ONLINE -> online.set(e.user);
      case OFFLINE -> {
        online.clear(e.user);
        hangUp(e.user);
      }
      case TALK -> {
        if (online.get(e.user) && online.get(e.peer) && !talkingOf.containsKey(e.user)
            && !talkingOf.containsKey(e.peer)) {
          byte[] chainKey = new byte[32];
          random.nextBytes(chainKey);
          Talking t = new Talking(e.user, e.peer, new ConversationRatchet(chainKey, round));
          talkingOf.put(e.user, t);
          talkingOf.put(e.peer, t);
          running.add(t);
        }
      }
      case HANGUP -> hangUp(e.user);
    }
  }

  private void hangUp(int user) {
    Talking t = talkingOf.get(user);
    if (t != null) {
      talkingOf.remove(t.a);
      talkingOf.remove(t.b);
      running.remove(t);
    }
  }
}
