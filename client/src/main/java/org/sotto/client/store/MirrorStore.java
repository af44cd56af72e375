package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sotto.client.identity.Contact;
import org.sotto.core.store.SqliteDatabase;

/**
 * This client's copy of the directory: every account the directory listed through
 * SyncDirectory, with its registration sequence number and the identity signature it was
 * verified against. Names are resolved only here, never by asking the directory, so the
 * coordinator cannot tell whom this user adds or hears from.
 */
public final class MirrorStore {
  private final SqliteDatabase db;

  MirrorStore(SqliteDatabase db) {
    this.db = db;
  }

  /** One verified directory record. */
  public record Entry(long sequence, Contact contact, byte[] identitySignature) {}

  /** The highest registration sequence held; 0 when the mirror is empty. */
  public long lastSequence() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
              "SELECT coalesce(max(sequence), 0) FROM directory_mirror");
          ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }

  public Optional<Contact> find(String username) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM directory_mirror WHERE username = ?")) {
        s.setString(1, username);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(contact(r)) : Optional.empty();
        }
      }
    });
  }

  /** Accounts held. */
  public long count() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM directory_mirror");
          ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }

  /**
   * Stores one verified page of records, all or none, so the mirror never holds a page half and
   * its last sequence always says exactly where the next sync continues.
   */
  public void append(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO directory_mirror VALUES (?, ?, ?, ?, ?)")) {
        for (Entry e : entries) {
          s.setLong(1, e.sequence());
          s.setString(2, e.contact().username());
          s.setBytes(3, e.contact().signingPublicKey());
          s.setBytes(4, e.contact().dhPublicKey());
          s.setBytes(5, e.identitySignature());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  private static Contact contact(ResultSet r) throws SQLException {
    return new Contact(r.getString("username"), r.getBytes("signing_public_key"),
        r.getBytes("x25519_public_key"));
  }
}
