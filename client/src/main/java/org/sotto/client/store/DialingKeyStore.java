package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.store.SqliteDatabase;

/**
 * This client's dialing keys (docs/protocol.md §14.8), one per key epoch, and whether each was
 * published. A key is deleted (with SQLite's secure_delete, so its bytes are overwritten) one
 * epoch after its own: that deletion is what makes recorded invitations and the conversations
 * they started unreadable to a later thief of the identity keys.
 */
public final class DialingKeyStore {
  private final SqliteDatabase db;

  DialingKeyStore(SqliteDatabase db) {
    this.db = db;
  }

  /** One own key: its epoch, the pair, and whether the directory has it. */
  public record OwnKey(long epoch, X25519KeyPair pair, boolean published) {}

  public List<OwnKey> all() {
    return db.read(c -> {
      List<OwnKey> keys = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM dialing_keys ORDER BY epoch");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.add(new OwnKey(r.getLong("epoch"), new X25519KeyPair(r.getBytes("private_key"),
              r.getBytes("public_key")), r.getInt("published") != 0));
        }
      }
      return keys;
    });
  }

  public Optional<X25519KeyPair> find(long epoch) {
    return all().stream().filter(k -> k.epoch() == epoch).map(OwnKey::pair).findFirst();
  }

  /** Stores a new key for {@code epoch} unless one is there. */
  public void addIfAbsent(long epoch, X25519KeyPair pair) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT OR IGNORE INTO dialing_keys VALUES (?, ?, ?, 0)")) {
        s.setLong(1, epoch);
        s.setBytes(2, pair.privateKey());
        s.setBytes(3, pair.publicKey());
        return s.executeUpdate();
      }
    });
  }

  public void markPublished(List<Long> epochs) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE dialing_keys SET published = 1 WHERE epoch = ?")) {
        for (long e : epochs) {
          s.setLong(1, e);
          s.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Erases every key of an epoch before {@code oldestKept}. */
  public void eraseBefore(long oldestKept) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM dialing_keys WHERE epoch < ?")) {
        s.setLong(1, oldestKept);
        return s.executeUpdate();
      }
    });
  }
}
