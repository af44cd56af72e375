package org.sotto.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sotto.client.conversation.ConversationStore;
import org.sotto.core.store.SqliteDatabase;

/**
 * One conversation generation's {@link ConversationStore} in the client database. Each call is
 * one transaction, committed before it returns, so the conversation only ever acts on what is on
 * disk. Every statement is limited to this store's generation: once the conversation has been
 * started again, late calls from the old one (a round still in flight) change nothing. History
 * rows are written here too, for conversations whose user turned history on.
 */
final class SqliteConversationStore implements ConversationStore {
  private static final String CURRENT =
      "EXISTS (SELECT 1 FROM conversations WHERE peer = ? AND generation = ?)";
  private static final String KEEPS_HISTORY = "EXISTS (SELECT 1 FROM conversations WHERE "
      + "peer = ? AND generation = ? AND keep_history = 1)";

  private final SqliteDatabase db;
  private final String peer;
  private final long generation;

  SqliteConversationStore(SqliteDatabase db, String peer, long generation) {
    this.db = db;
    this.peer = peer;
    this.generation = generation;
  }

  @Override
  public void queued(long sequence, byte[] body) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      update(c, "INSERT INTO outbox SELECT ?, ?, ?, ?, 'QUEUED', ? WHERE " + CURRENT,
          peer, generation, sequence, body, now, peer, generation);
      update(c, "UPDATE conversations SET next_sequence = ? WHERE peer = ? AND generation = ?",
          sequence + 1, peer, generation);
      update(c, "INSERT INTO history SELECT ?, ?, 'OUT', ?, ?, 'QUEUED', ? WHERE "
          + KEEPS_HISTORY, peer, generation, sequence, body, now, peer, generation);
      return null;
    });
  }

  @Override
  public void sent(long sequence) {
    db.write(c -> {
      update(c, "UPDATE outbox SET state = 'SENT' WHERE peer = ? AND generation = ? "
          + "AND sequence = ? AND state = 'QUEUED'", peer, generation, sequence);
      update(c, "UPDATE history SET state = 'SENT' WHERE peer = ? AND generation = ? "
          + "AND direction = 'OUT' AND sequence = ? AND state = 'QUEUED'", peer, generation,
          sequence);
      return null;
    });
  }

  @Override
  public void ratchetAt(long round, byte[] chainKey) {
    db.write(c -> update(c, "UPDATE conversations SET chain_round = ?, chain_key = ? "
        + "WHERE peer = ? AND generation = ?", round, chainKey, peer, generation));
  }

  @Override
  public void received(long sequence, byte[] body) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      update(c, "INSERT OR IGNORE INTO inbox SELECT ?, ?, ?, ?, ? WHERE " + CURRENT,
          peer, generation, sequence, body, now, peer, generation);
      update(c, "UPDATE conversations SET received_in_order = ? WHERE peer = ? "
          + "AND generation = ?", sequence, peer, generation);
      return null;
    });
  }

  @Override
  public void acknowledged(long sequence) {
    db.write(c -> {
      update(c, "DELETE FROM outbox WHERE peer = ? AND generation = ? AND sequence <= ?",
          peer, generation, sequence);
      update(c, "UPDATE history SET state = 'DELIVERED' WHERE peer = ? AND generation = ? "
          + "AND direction = 'OUT' AND sequence <= ?", peer, generation, sequence);
      return null;
    });
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }
}
