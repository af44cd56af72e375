package org.sotto.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sotto.client.conversation.ConversationStore;
import org.sotto.core.store.SqliteDatabase;

/**
 * One conversation's {@link ConversationStore} in the client database. Each call is one
 * transaction, committed before it returns, so the conversation only ever acts on what is on
 * disk. History rows are written here too, for conversations whose user turned history on.
 */
final class SqliteConversationStore implements ConversationStore {
  private static final String KEEPS_HISTORY =
      "EXISTS (SELECT 1 FROM conversations WHERE peer = ? AND keep_history = 1)";

  private final SqliteDatabase db;
  private final String peer;

  SqliteConversationStore(SqliteDatabase db, String peer) {
    this.db = db;
    this.peer = peer;
  }

  @Override
  public void queued(long sequence, byte[] body) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      update(c, "INSERT INTO outbox VALUES (?, ?, ?, 'QUEUED', ?)", peer, sequence, body, now);
      update(c, "UPDATE conversations SET next_sequence = ? WHERE peer = ?", sequence + 1, peer);
      update(c, "INSERT INTO history SELECT ?, 'OUT', ?, ?, 'QUEUED', ? WHERE " + KEEPS_HISTORY,
          peer, sequence, body, now, peer);
      return null;
    });
  }

  @Override
  public void sent(long sequence) {
    db.write(c -> {
      update(c, "UPDATE outbox SET state = 'SENT' WHERE peer = ? AND sequence = ? "
          + "AND state = 'QUEUED'", peer, sequence);
      update(c, "UPDATE history SET state = 'SENT' WHERE peer = ? AND direction = 'OUT' "
          + "AND sequence = ? AND state = 'QUEUED'", peer, sequence);
      return null;
    });
  }

  @Override
  public void ratchetAt(long round, byte[] chainKey) {
    db.write(c -> update(c, "UPDATE conversations SET chain_round = ?, chain_key = ? "
        + "WHERE peer = ?", round, chainKey, peer));
  }

  @Override
  public void received(long sequence, byte[] body) {
    long now = System.currentTimeMillis();
    db.write(c -> {
      update(c, "INSERT OR IGNORE INTO inbox VALUES (?, ?, ?, ?)", peer, sequence, body, now);
      update(c, "UPDATE conversations SET received_in_order = ? WHERE peer = ?", sequence, peer);
      return null;
    });
  }

  @Override
  public void acknowledged(long sequence) {
    db.write(c -> {
      update(c, "DELETE FROM outbox WHERE peer = ? AND sequence <= ?", peer, sequence);
      update(c, "UPDATE history SET state = 'DELIVERED' WHERE peer = ? AND direction = 'OUT' "
          + "AND sequence <= ?", peer, sequence);
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
