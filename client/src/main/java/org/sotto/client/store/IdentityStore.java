package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.store.SqliteDatabase;

/** The one identity of a data folder, stored after register or login. */
public final class IdentityStore {
  private final SqliteDatabase db;

  IdentityStore(SqliteDatabase db) {
    this.db = db;
  }

  /**
   * Stores the identity, replacing the same user's earlier copy.
   *
   * @throws IllegalStateException when the folder belongs to another user: its contacts and
   *     conversations are theirs
   */
  public void save(Identity identity, long backupVersion) {
    db.write(c -> {
      Optional<String> owner = owner(c);
      if (owner.isPresent() && !owner.get().equals(identity.username())) {
        throw new IllegalStateException("this data folder belongs to " + owner.get()
            + "; use another --data-dir for " + identity.username());
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT OR REPLACE INTO identity VALUES (1, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, identity.username());
        s.setBytes(2, identity.signing().privateKey());
        s.setBytes(3, identity.signing().publicKey());
        s.setBytes(4, identity.dh().privateKey());
        s.setBytes(5, identity.dh().publicKey());
        s.setLong(6, backupVersion);
        return s.executeUpdate();
      }
    });
  }

  public Optional<Identity> load() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM identity WHERE id = 1");
          ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new Identity(r.getString("username"),
            new Ecdsa.KeyPair(r.getBytes("signing_private_key"), r.getBytes("signing_public_key")),
            new X25519KeyPair(r.getBytes("x25519_private_key"), r.getBytes("x25519_public_key"))));
      }
    });
  }

  private static Optional<String> owner(java.sql.Connection c) throws java.sql.SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT username FROM identity WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
    }
  }
}
