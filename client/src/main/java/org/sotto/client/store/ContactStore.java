package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sotto.client.identity.Contact;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.store.SqliteDatabase;

/** The user's contacts: names and the public keys first seen for them. */
public final class ContactStore {
  private final SqliteDatabase db;

  ContactStore(SqliteDatabase db) {
    this.db = db;
  }

  /** What {@link #add} did. */
  public enum Added { NEW, ALREADY_KNOWN, KEYS_DIFFER }

  /**
   * Adds a contact. A contact already known with other keys is left as it was: keys that change
   * under a name are what a substituted identity looks like, so the user must decide.
   */
  public Added add(Contact contact) {
    return db.write(c -> {
      Optional<Contact> known = find(c, contact.username());
      if (known.isPresent()) {
        boolean same = ConstantTime.equals(known.get().signingPublicKey(),
            contact.signingPublicKey())
            && ConstantTime.equals(known.get().dhPublicKey(), contact.dhPublicKey());
        return same ? Added.ALREADY_KNOWN : Added.KEYS_DIFFER;
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO contacts VALUES (?, ?, ?, ?)")) {
        s.setString(1, contact.username());
        s.setBytes(2, contact.signingPublicKey());
        s.setBytes(3, contact.dhPublicKey());
        s.setLong(4, System.currentTimeMillis());
        s.executeUpdate();
      }
      return Added.NEW;
    });
  }

  public Optional<Contact> find(String username) {
    return db.read(c -> find(c, username));
  }

  public List<Contact> list() {
    return db.read(c -> {
      List<Contact> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM contacts ORDER BY username");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          all.add(contact(r));
        }
      }
      return all;
    });
  }

  private static Optional<Contact> find(java.sql.Connection c, String username)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM contacts WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(contact(r)) : Optional.empty();
      }
    }
  }

  private static Contact contact(ResultSet r) throws SQLException {
    return new Contact(r.getString("username"), r.getBytes("signing_public_key"),
        r.getBytes("x25519_public_key"));
  }
}
