package org.sotto.client.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.sotto.core.store.SqliteDatabase;

/** Small named values of the client: the pinned descriptor's fingerprint, for one. */
public final class Settings {
  private final SqliteDatabase db;

  Settings(SqliteDatabase db) {
    this.db = db;
  }

  public Optional<String> get(String key) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(new String(r.getBytes(1), StandardCharsets.UTF_8))
              : Optional.empty();
        }
      }
    });
  }

  public void put(String key, String value) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
        s.setString(1, key);
        s.setBytes(2, value.getBytes(StandardCharsets.UTF_8));
        return s.executeUpdate();
      }
    });
  }
}
