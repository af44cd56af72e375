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

  /** The dialing key {@code username} published for {@code epoch}, if synced (§14.8). */
  public Optional<byte[]> dialingKey(String username, long epoch) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT public_key FROM mirror_dialing_keys WHERE username = ? AND epoch = ?")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Keeps verified dialing keys and the sequence number synced up to, and forgets the keys of
   * epochs before {@code oldestEpoch}, in one transaction.
   */
  public void appendDialingKeys(List<org.sotto.core.dialing.DialingKey> keys, long lastSequence,
      long oldestEpoch) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT OR REPLACE INTO mirror_dialing_keys VALUES (?, ?, ?)")) {
        for (org.sotto.core.dialing.DialingKey k : keys) {
          s.setString(1, k.username());
          s.setLong(2, k.epoch());
          s.setBytes(3, k.publicKey());
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM mirror_dialing_keys WHERE epoch < ?")) {
        s.setLong(1, oldestEpoch);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO settings VALUES (?, ?) "
          + "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
        s.setString(1, DIALING_KEY_SEQUENCE);
        s.setBytes(2, Long.toString(lastSequence).getBytes(
            java.nio.charset.StandardCharsets.UTF_8));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The last dialing-key sequence number synced; 0 before the first. */
  public long lastDialingKeySequence() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
        s.setString(1, DIALING_KEY_SEQUENCE);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Long.parseLong(new String(r.getBytes(1),
              java.nio.charset.StandardCharsets.UTF_8)) : 0L;
        }
      }
    });
  }

  private static final String DIALING_KEY_SEQUENCE = "mirror-dialing-key-sequence";

  private static Contact contact(ResultSet r) throws SQLException {
    return new Contact(r.getString("username"), r.getBytes("signing_public_key"),
        r.getBytes("x25519_public_key"));
  }
}
