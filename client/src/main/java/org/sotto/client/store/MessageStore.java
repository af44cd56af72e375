package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.core.store.SqliteDatabase;

/**
 * What users read: the inbox (received, not yet shown), the outbox (sent, not yet acknowledged)
 * and, for conversations that keep it, the history.
 *
 * <p>A received message stays in the inbox until a user interface says it was shown; only then
 * does it move to the history (if kept) or go. The disappearing-message timer runs on the
 * history only, from when a message was read or queued, so a message is never deleted before its
 * reader has seen it.
 */
public final class MessageStore {
  private final SqliteDatabase db;

  MessageStore(SqliteDatabase db) {
    this.db = db;
  }

  /** Received messages not yet shown, oldest first; {@code peer} null for every conversation. */
  public List<ChatMessage> unread(String peer) {
    return query("SELECT peer, 1, sequence, body, 'DELIVERED', received_unix_ms FROM inbox "
        + (peer == null ? "" : "WHERE peer = ? ")
        + "ORDER BY received_unix_ms, generation, sequence", peer);
  }

  /** Messages waiting for the peer's acknowledgement, in order. */
  public List<ChatMessage> outbox(String peer) {
    return query("SELECT peer, 0, sequence, body, state, queued_unix_ms FROM outbox "
        + "WHERE peer = ? ORDER BY generation, sequence", peer);
  }

  /** The kept history of a conversation, oldest first. */
  public List<ChatMessage> history(String peer) {
    return query("SELECT peer, direction = 'IN', sequence, body, state, at_unix_ms FROM history "
        + "WHERE peer = ? ORDER BY at_unix_ms, generation, direction, sequence", peer);
  }

  /**
   * The user has seen {@code peer}'s messages up to {@code sequence} of the current conversation
   * (and everything left from an earlier generation of it).
   */
  public void markRead(String peer, long sequence) {
    long now = System.currentTimeMillis();
    String read = "peer = ? AND (generation < (SELECT generation FROM conversations WHERE "
        + "peer = ?) OR sequence <= ?)";
    db.write(c -> {
      SqliteConversationStore.update(c, "INSERT OR IGNORE INTO history SELECT peer, generation, "
          + "'IN', sequence, body, 'DELIVERED', ? FROM inbox WHERE " + read + " AND EXISTS "
          + "(SELECT 1 FROM conversations WHERE peer = ? AND keep_history = 1)",
          now, peer, peer, sequence, peer);
      SqliteConversationStore.update(c, "DELETE FROM inbox WHERE " + read, peer, peer, sequence);
      return null;
    });
  }

  /** Deletes history older than each conversation's disappearing timer; returns how many. */
  public int expire(long nowUnixMs) {
    return db.write(c -> SqliteConversationStore.update(c, "DELETE FROM history WHERE "
        + "at_unix_ms < ? - (SELECT disappear_after_ms FROM conversations WHERE "
        + "conversations.peer = history.peer AND disappear_after_ms IS NOT NULL)", nowUnixMs));
  }

  private List<ChatMessage> query(String sql, String peer) {
    return db.read(c -> {
      List<ChatMessage> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (peer != null) {
          s.setString(1, peer);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(message(r));
          }
        }
      }
      return out;
    });
  }

  private static ChatMessage message(ResultSet r) throws SQLException {
    return new ChatMessage(r.getString(1), r.getInt(2) != 0, r.getLong(3), r.getBytes(4),
        Delivery.valueOf(r.getString(5)), r.getLong(6));
  }
}
