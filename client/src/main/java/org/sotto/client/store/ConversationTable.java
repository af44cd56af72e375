package org.sotto.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.sotto.client.conversation.ConversationState;
import org.sotto.client.conversation.ConversationStore;
import org.sotto.core.store.SqliteDatabase;

/** The conversations of this data folder, one per contact, with their saved state. */
public final class ConversationTable {
  private final SqliteDatabase db;

  ConversationTable(SqliteDatabase db) {
    this.db = db;
  }

  /** Per-conversation settings a user can change. */
  public record Options(boolean keepHistory, Duration disappearAfter) {}

  /** A saved conversation and the generation it is in. */
  public record Saved(long generation, ConversationState state) {}

  /**
   * Starts the conversation with {@code peer} at {@code startRound}, whose chain key is given.
   * If one already runs, it is started again as the next generation: sequence numbers begin anew
   * on both sides, and the messages the peer had not acknowledged are queued again, in order, in
   * the new generation, so none is lost.
   *
   * @return the new conversation's generation (1 for a first conversation)
   */
  public long start(String peer, long startRound, byte[] chainKey) {
    return db.write(c -> {
      long now = System.currentTimeMillis();
      Optional<Long> old = generation(c, peer);
      if (old.isEmpty()) {
        SqliteConversationStore.update(c, "INSERT INTO conversations (peer, generation, "
            + "start_round, chain_round, chain_key, next_sequence, received_in_order, "
            + "created_unix_ms) VALUES (?, 1, ?, ?, ?, 1, 0, ?)", peer, startRound, startRound,
            chainKey, now);
        return 1L;
      }
      long from = old.get();
      long to = from + 1;
      List<long[]> moved = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT sequence FROM outbox WHERE peer = ? "
          + "AND generation = ? ORDER BY sequence")) {
        s.setString(1, peer);
        s.setLong(2, from);
        try (ResultSet r = s.executeQuery()) {
          long next = 1;
          while (r.next()) {
            moved.add(new long[] {r.getLong(1), next++});
          }
        }
      }
      for (long[] m : moved) {
        SqliteConversationStore.update(c, "UPDATE outbox SET generation = ?, sequence = ?, "
            + "state = 'QUEUED' WHERE peer = ? AND generation = ? AND sequence = ?",
            to, m[1], peer, from, m[0]);
        SqliteConversationStore.update(c, "UPDATE history SET generation = ?, sequence = ?, "
            + "state = 'QUEUED' WHERE peer = ? AND generation = ? AND direction = 'OUT' "
            + "AND sequence = ?", to, m[1], peer, from, m[0]);
      }
      SqliteConversationStore.update(c, "UPDATE conversations SET generation = ?, "
          + "start_round = ?, chain_round = ?, chain_key = ?, next_sequence = ?, "
          + "received_in_order = 0 WHERE peer = ?", to, startRound, startRound, chainKey,
          moved.size() + 1, peer);
      return to;
    });
  }

  /** The start round of the current generation of the conversation with {@code peer}. */
  public Optional<Long> startRound(String peer) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT start_round FROM conversations WHERE peer = ?")) {
        s.setString(1, peer);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getLong(1)) : Optional.<Long>empty();
        }
      }
    });
  }

  public List<String> peers() {
    return db.read(c -> {
      List<String> peers = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT peer FROM conversations ORDER BY created_unix_ms, peer");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          peers.add(r.getString(1));
        }
      }
      return peers;
    });
  }

  /** The saved state, outbox included, in one consistent read. */
  public Optional<Saved> load(String peer) {
    return db.write(c -> {
      long generation;
      ConversationState state;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM conversations WHERE peer = ?")) {
        s.setString(1, peer);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          generation = r.getLong("generation");
          state = new ConversationState(r.getLong("chain_round"), r.getBytes("chain_key"),
              r.getLong("next_sequence"), r.getLong("received_in_order"), new TreeMap<>());
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT sequence, body FROM outbox "
          + "WHERE peer = ? AND generation = ? ORDER BY sequence")) {
        s.setString(1, peer);
        s.setLong(2, generation);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            state.outbox().put(r.getLong(1), r.getBytes(2));
          }
        }
      }
      return Optional.of(new Saved(generation, state));
    });
  }

  public Optional<Options> options(String peer) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT keep_history, disappear_after_ms FROM conversations WHERE peer = ?")) {
        s.setString(1, peer);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          long ms = r.getLong(2);
          boolean noTimer = r.wasNull();
          return Optional.of(new Options(r.getInt(1) != 0,
              noTimer ? null : Duration.ofMillis(ms)));
        }
      }
    });
  }

  /** Turns history on or off; {@code disappearAfter} null keeps it until turned off. */
  public void setOptions(String peer, Options options) {
    db.write(c -> {
      SqliteConversationStore.update(c, "UPDATE conversations SET keep_history = ?, "
          + "disappear_after_ms = ? WHERE peer = ?", options.keepHistory() ? 1 : 0,
          options.disappearAfter() == null ? null : options.disappearAfter().toMillis(), peer);
      if (!options.keepHistory()) {
        SqliteConversationStore.update(c, "DELETE FROM history WHERE peer = ?", peer);
      }
      return null;
    });
  }

  /** The store a resumed Conversation of {@code generation} writes through. */
  public ConversationStore storeFor(String peer, long generation) {
    return new SqliteConversationStore(db, peer, generation);
  }

  private static Optional<Long> generation(Connection c, String peer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT generation FROM conversations WHERE peer = ?")) {
      s.setString(1, peer);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }
}
