package org.sotto.coordinator.directory;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.store.SqliteDatabase;

/** The accounts table, in {@code accounts.db} in the coordinator's data folder. */
final class AccountStore implements AutoCloseable {
  static final String FILE_NAME = "accounts.db";

  /** Schema versions; append, never edit (see SqliteDatabase). */
  private static final List<List<String>> MIGRATIONS = List.of(List.of("""
      CREATE TABLE accounts (
        username            TEXT PRIMARY KEY,
        salt                BLOB NOT NULL,
        argon2_memory_kib   INTEGER NOT NULL,
        argon2_iterations   INTEGER NOT NULL,
        argon2_parallelism  INTEGER NOT NULL,
        verifier            BLOB NOT NULL,
        signing_public_key  BLOB NOT NULL,
        x25519_public_key   BLOB NOT NULL,
        identity_signature  BLOB NOT NULL,
        key_backup          BLOB NOT NULL,
        backup_version      INTEGER NOT NULL,
        created_unix_ms     INTEGER NOT NULL,
        updated_unix_ms     INTEGER NOT NULL
      ) WITHOUT ROWID"""),
      // Version 2: registration sequence numbers for SyncDirectory. AUTOINCREMENT so a number is
      // never handed out twice, even if the highest row were ever deleted: clients ask for what
      // came after the last number they hold. Existing accounts are numbered in the order they
      // were created.
      List.of("""
          CREATE TABLE registrations (
            sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
            username  TEXT NOT NULL UNIQUE REFERENCES accounts(username)
          )""",
          "INSERT INTO registrations (username) SELECT username FROM accounts "
              + "ORDER BY created_unix_ms, username"),
      // Version 3: session tickets signed per account and epoch (IssueSessionTickets), so the
      // per-account limit survives a restart.
      List.of("""
          CREATE TABLE ticket_issuance (
            username  TEXT NOT NULL REFERENCES accounts(username),
            epoch     INTEGER NOT NULL,
            issued    INTEGER NOT NULL,
            PRIMARY KEY (username, epoch)
          ) WITHOUT ROWID"""),
      // Version 4: dialing keys per account and key epoch (PublishDialingKeys), numbered in
      // publication order for SyncDialingKeys.
      List.of("""
          CREATE TABLE dialing_keys (
            sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
            username    TEXT NOT NULL REFERENCES accounts(username),
            epoch       INTEGER NOT NULL,
            public_key  BLOB NOT NULL,
            signature   BLOB NOT NULL,
            UNIQUE (username, epoch)
          )"""));

  /** One account as SyncDirectory publishes it. */
  record Registration(long sequence, String username, byte[] signingPublicKey,
      byte[] x25519PublicKey, byte[] identitySignature) {}

  private final SqliteDatabase db;

  private AccountStore(SqliteDatabase db) {
    this.db = db;
  }

  static AccountStore open(Path dataDir) {
    return new AccountStore(SqliteDatabase.open(dataDir.resolve(FILE_NAME), MIGRATIONS));
  }

  /** Stores a new account; false when the name is taken. */
  boolean insert(Account a) {
    return db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
        long now = System.currentTimeMillis();
        s.setString(1, a.username());
        s.setBytes(2, a.salt());
        s.setInt(3, a.argon2().memoryKib());
        s.setInt(4, a.argon2().iterations());
        s.setInt(5, a.argon2().parallelism());
        s.setBytes(6, a.verifier());
        s.setBytes(7, a.signingPublicKey());
        s.setBytes(8, a.x25519PublicKey());
        s.setBytes(9, a.identitySignature());
        s.setBytes(10, a.keyBackup());
        s.setLong(11, a.backupVersion());
        s.setLong(12, now);
        s.setLong(13, now);
        if (s.executeUpdate() != 1) {
          return false;
        }
      }
      // Same transaction: an account is never visible without its sequence number, or the
      // reverse.
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO registrations (username) VALUES (?)")) {
        s.setString(1, a.username());
        s.executeUpdate();
      }
      return true;
    });
  }

  Optional<Account> find(String username) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT * FROM accounts WHERE username = ?")) {
        s.setString(1, username);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(account(r)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Replaces the backup (and, for a password change, the stretching and the verifier) if the
   * stored version is still {@code expectedVersion}.
   *
   * @return the new version, or empty when another update came first
   */
  Optional<Long> updateBackup(String username, long expectedVersion, byte[] keyBackup,
      Argon2Settings newArgon2, byte[] newVerifier) {
    return db.write(c -> {
      String sql = newVerifier == null
          ? "UPDATE accounts SET key_backup = ?, backup_version = backup_version + 1, "
              + "updated_unix_ms = ? WHERE username = ? AND backup_version = ?"
          : "UPDATE accounts SET key_backup = ?, backup_version = backup_version + 1, "
              + "updated_unix_ms = ?, argon2_memory_kib = ?, argon2_iterations = ?, "
              + "argon2_parallelism = ?, verifier = ? WHERE username = ? AND backup_version = ?";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        s.setBytes(i++, keyBackup);
        s.setLong(i++, System.currentTimeMillis());
        if (newVerifier != null) {
          s.setInt(i++, newArgon2.memoryKib());
          s.setInt(i++, newArgon2.iterations());
          s.setInt(i++, newArgon2.parallelism());
          s.setBytes(i++, newVerifier);
        }
        s.setString(i++, username);
        s.setLong(i, expectedVersion);
        return s.executeUpdate() == 1 ? Optional.of(expectedVersion + 1) : Optional.empty();
      }
    });
  }

  /** Up to {@code limit} accounts registered after {@code afterSequence}, oldest first. */
  List<Registration> registeredAfter(long afterSequence, int limit) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT r.sequence, a.username, a.signing_public_key, a.x25519_public_key, "
              + "a.identity_signature FROM registrations r JOIN accounts a "
              + "ON a.username = r.username WHERE r.sequence > ? ORDER BY r.sequence LIMIT ?")) {
        s.setLong(1, afterSequence);
        s.setInt(2, limit);
        List<Registration> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.add(new Registration(r.getLong(1), r.getString(2), r.getBytes(3),
                r.getBytes(4), r.getBytes(5)));
          }
        }
        return found;
      }
    });
  }

  /**
   * Counts {@code tickets} more tickets for {@code username} in {@code epoch} unless that would
   * exceed {@code limit}, and forgets the counts of epochs before {@code oldestKept}.
   *
   * @return whether they were counted (false: the account has had its tickets)
   */
  boolean spendTickets(String username, long epoch, int tickets, int limit, long oldestKept) {
    return db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM ticket_issuance WHERE epoch < ?")) {
        s.setLong(1, oldestKept);
        s.executeUpdate();
      }
      int issued = 0;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT issued FROM ticket_issuance WHERE username = ? AND epoch = ?")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            issued = r.getInt(1);
          }
        }
      }
      if (issued + tickets > limit) {
        return false;
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO ticket_issuance VALUES (?,?,?) "
              + "ON CONFLICT (username, epoch) DO UPDATE SET issued = excluded.issued")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        s.setInt(3, issued + tickets);
        s.executeUpdate();
      }
      return true;
    });
  }

  /**
   * Stores a dialing key (replacing another one of the same account and epoch, which then is
   * listed again under a new sequence number), and forgets the keys of epochs before
   * {@code oldestEpoch}.
   */
  void publishDialingKey(String username, long epoch, byte[] publicKey, byte[] signature,
      long oldestEpoch) {
    db.write(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM dialing_keys WHERE epoch < ?")) {
        s.setLong(1, oldestEpoch);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "SELECT public_key FROM dialing_keys WHERE username = ? AND epoch = ?")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        try (ResultSet r = s.executeQuery()) {
          if (r.next() && java.util.Arrays.equals(r.getBytes(1), publicKey)) {
            return null; // the same key again: nothing new to list
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM dialing_keys "
          + "WHERE username = ? AND epoch = ?")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO dialing_keys "
          + "(username, epoch, public_key, signature) VALUES (?,?,?,?)")) {
        s.setString(1, username);
        s.setLong(2, epoch);
        s.setBytes(3, publicKey);
        s.setBytes(4, signature);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** One published dialing key, as SyncDialingKeys lists it. */
  record PublishedDialingKey(long sequence, String username, long epoch, byte[] publicKey,
      byte[] signature) {}

  /**
   * Up to {@code limit} dialing keys of epoch {@code oldestEpoch} or later published after
   * {@code afterSequence}, oldest first.
   */
  List<PublishedDialingKey> dialingKeysAfter(long afterSequence, long oldestEpoch, int limit) {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT sequence, username, epoch, "
          + "public_key, signature FROM dialing_keys WHERE sequence > ? AND epoch >= ? "
          + "ORDER BY sequence LIMIT ?")) {
        s.setLong(1, afterSequence);
        s.setLong(2, oldestEpoch);
        s.setInt(3, limit);
        List<PublishedDialingKey> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.add(new PublishedDialingKey(r.getLong(1), r.getString(2), r.getLong(3),
                r.getBytes(4), r.getBytes(5)));
          }
        }
        return found;
      }
    });
  }

  long count() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM accounts");
          ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0L;
      }
    });
  }

  private static Account account(ResultSet r) throws SQLException {
    return new Account(r.getString("username"), r.getBytes("salt"),
        new Argon2Settings(r.getInt("argon2_memory_kib"), r.getInt("argon2_iterations"),
            r.getInt("argon2_parallelism")),
        r.getBytes("verifier"), r.getBytes("signing_public_key"),
        r.getBytes("x25519_public_key"), r.getBytes("identity_signature"),
        r.getBytes("key_backup"), r.getLong("backup_version"));
  }

  @Override
  public void close() {
    db.close();
  }
}
