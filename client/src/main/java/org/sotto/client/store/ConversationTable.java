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

  /**
   * Records a new conversation whose ratchet holds {@code chainKey} for {@code startRound}.
   *
   * @return false when there already is a conversation with {@code peer}
   */
  public boolean create(String peer, long startRound, byte[] chainKey) {
    return db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO conversations (peer, start_round, chain_round, chain_key, next_sequence, "
              + "received_in_order, created_unix_ms) VALUES (?, ?, ?, ?, 1, 0, ?) "
              + "ON CONFLICT DO NOTHING")) {
        s.setString(1, peer);
        s.setLong(2, startRound);
        s.setLong(3, startRound);
        s.setBytes(4, chainKey);
        s.setLong(5, System.currentTimeMillis());
        return s.executeUpdate() == 1;
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

  public boolean exists(String peer) {
    return load(peer).isPresent();
  }

  /** The saved state, outbox included, in one consistent read. */
  public Optional<ConversationState> load(String peer) {
    return db.write(c -> {
      ConversationState state;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM conversations WHERE peer = ?")) {
        s.setString(1, peer);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          state = new ConversationState(r.getLong("chain_round"), r.getBytes("chain_key"),
              r.getLong("next_sequence"), r.getLong("received_in_order"), new TreeMap<>());
        }
      }
      loadOutbox(c, peer, state);
      return Optional.of(state);
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
          return Optional.of(new Options(r.getInt(1) != 0,
              r.wasNull() ? null : Duration.ofMillis(ms)));
        }
      }
    });
  }

  /** Turns history on or off; {@code disappearAfter} null keeps it until turned off. */
  public void setOptions(String peer, Options options) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET keep_history = ?, "
          + "disappear_after_ms = ? WHERE peer = ?")) {
        s.setInt(1, options.keepHistory() ? 1 : 0);
        if (options.disappearAfter() == null) {
          s.setNull(2, java.sql.Types.INTEGER);
        } else {
          s.setLong(2, options.disappearAfter().toMillis());
        }
        s.setString(3, peer);
        s.executeUpdate();
      }
      if (!options.keepHistory()) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM history WHERE peer = ?")) {
          s.setString(1, peer);
          s.executeUpdate();
        }
      }
      return null;
    });
  }

  /** The store a resumed Conversation writes through. */
  public ConversationStore storeFor(String peer) {
    return new SqliteConversationStore(db, peer);
  }

  private static void loadOutbox(Connection c, String peer, ConversationState state)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sequence, body FROM outbox WHERE peer = ? ORDER BY sequence")) {
      s.setString(1, peer);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          state.outbox().put(r.getLong(1), r.getBytes(2));
        }
      }
    }
  }
}
