package org.sotto.client.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sotto.client.dialing.Invitation;
import org.sotto.client.identity.Contact;
import org.sotto.core.store.SqliteDatabase;

/**
 * Invitations received and not yet accepted or declined, so one that arrives while the user runs
 * {@code chat} can be accepted later from another command. One per caller: a newer invitation
 * from the same caller replaces the older.
 */
public final class InvitationStore {
  private final SqliteDatabase db;

  InvitationStore(SqliteDatabase db) {
    this.db = db;
  }

  public void put(Invitation invitation) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT OR REPLACE INTO invitations VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, invitation.caller().username());
        s.setBytes(2, invitation.caller().signingPublicKey());
        s.setBytes(3, invitation.caller().dhPublicKey());
        s.setLong(4, invitation.startRound());
        s.setLong(5, invitation.receivedUnixMs());
        s.setBytes(6, invitation.callSecret());
        return s.executeUpdate();
      }
    });
  }

  public Optional<Invitation> find(String caller) {
    return list().stream().filter(i -> i.caller().username().equals(caller)).findFirst();
  }

  public List<Invitation> list() {
    return db.read(c -> {
      List<Invitation> all = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM invitations ORDER BY received_unix_ms");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          all.add(invitation(r));
        }
      }
      return all;
    });
  }

  public void remove(String caller) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM invitations WHERE caller = ?")) {
        s.setString(1, caller);
        return s.executeUpdate();
      }
    });
  }

  private static Invitation invitation(ResultSet r) throws SQLException {
    return new Invitation(new Contact(r.getString("caller"), r.getBytes("signing_public_key"),
        r.getBytes("x25519_public_key")), r.getLong("start_round"),
        r.getLong("received_unix_ms"), r.getBytes("call_secret"));
  }
}
