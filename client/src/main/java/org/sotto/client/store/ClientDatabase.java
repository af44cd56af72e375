package org.sotto.client.store;

import java.nio.file.Path;
import java.util.List;
import org.sotto.core.store.SqliteDatabase;

/**
 * The client's own database, {@code client.db} in its data folder: identity, the mirror of the
 * directory, contacts, invitations, conversations (ratchet, sequence numbers), outbox, inbox and optional history.
 * A conversation that is started again with the same contact (they moved to a new machine and
 * dialed anew) gets the next <em>generation</em>; every row says which generation it belongs to,
 * so a round still in flight for the old one cannot touch the new one.
 * Each table has a small store class; this one opens the file and owns the schema.
 *
 * <p>The identity's private keys are stored as they are, protected by the folder's owner-only
 * permissions, not encrypted under the password (docs/client.md explains the choice: the same
 * file must hold the ratchet chain keys, which a client needs every round without asking for a
 * password, and those open the conversations just as well).
 */
public final class ClientDatabase implements AutoCloseable {
  public static final String FILE_NAME = "client.db";

  /** Schema versions; append, never edit. */
  private static final List<List<String>> MIGRATIONS = List.of(List.of(
      """
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  BLOB NOT NULL
      )""",
      """
      CREATE TABLE identity (
        id                  INTEGER PRIMARY KEY CHECK (id = 1),
        username            TEXT NOT NULL,
        signing_private_key BLOB NOT NULL,
        signing_public_key  BLOB NOT NULL,
        x25519_private_key  BLOB NOT NULL,
        x25519_public_key   BLOB NOT NULL,
        backup_version      INTEGER NOT NULL
      )""",
      """
      CREATE TABLE contacts (
        username            TEXT PRIMARY KEY,
        signing_public_key  BLOB NOT NULL,
        x25519_public_key   BLOB NOT NULL,
        added_unix_ms       INTEGER NOT NULL
      )""",
      """
      CREATE TABLE invitations (
        caller              TEXT PRIMARY KEY,
        signing_public_key  BLOB NOT NULL,
        x25519_public_key   BLOB NOT NULL,
        start_round         INTEGER NOT NULL,
        received_unix_ms    INTEGER NOT NULL
      )""",
      """
      CREATE TABLE conversations (
        peer                TEXT PRIMARY KEY REFERENCES contacts(username),
        generation          INTEGER NOT NULL,
        start_round         INTEGER NOT NULL,
        chain_round         INTEGER NOT NULL,
        chain_key           BLOB NOT NULL,
        next_sequence       INTEGER NOT NULL,
        received_in_order   INTEGER NOT NULL,
        keep_history        INTEGER NOT NULL DEFAULT 0,
        disappear_after_ms  INTEGER,
        created_unix_ms     INTEGER NOT NULL
      )""",
      """
      CREATE TABLE outbox (
        peer            TEXT NOT NULL REFERENCES conversations(peer),
        generation      INTEGER NOT NULL,
        sequence        INTEGER NOT NULL,
        body            BLOB NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENT')),
        queued_unix_ms  INTEGER NOT NULL,
        PRIMARY KEY (peer, generation, sequence)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE inbox (
        peer              TEXT NOT NULL REFERENCES conversations(peer),
        generation        INTEGER NOT NULL,
        sequence          INTEGER NOT NULL,
        body              BLOB NOT NULL,
        received_unix_ms  INTEGER NOT NULL,
        PRIMARY KEY (peer, generation, sequence)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE history (
        peer        TEXT NOT NULL REFERENCES conversations(peer),
        generation  INTEGER NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('IN', 'OUT')),
        sequence    INTEGER NOT NULL,
        body        BLOB NOT NULL,
        state       TEXT NOT NULL,
        at_unix_ms  INTEGER NOT NULL,
        PRIMARY KEY (peer, generation, direction, sequence)
      ) WITHOUT ROWID""",
      "CREATE INDEX history_by_time ON history (at_unix_ms)"),
      // Version 2: the mirror of the directory (MirrorStore).
      List.of("""
          CREATE TABLE directory_mirror (
            sequence            INTEGER PRIMARY KEY,
            username            TEXT NOT NULL UNIQUE,
            signing_public_key  BLOB NOT NULL,
            x25519_public_key   BLOB NOT NULL,
            identity_signature  BLOB NOT NULL
          )"""),
      // Version 3 (protocol 3): dialing keys (§14.8). This client's own, one per key epoch; the
      // mirror of everyone's; and the call secret an invitation brings (invitations of protocol
      // 2 have none and could not start a conversation any more, so they are dropped).
      List.of("""
          CREATE TABLE dialing_keys (
            epoch        INTEGER PRIMARY KEY,
            private_key  BLOB NOT NULL,
            public_key   BLOB NOT NULL,
            published    INTEGER NOT NULL
          )""",
          """
          CREATE TABLE mirror_dialing_keys (
            username    TEXT NOT NULL,
            epoch       INTEGER NOT NULL,
            public_key  BLOB NOT NULL,
            PRIMARY KEY (username, epoch)
          ) WITHOUT ROWID""",
          "DELETE FROM invitations",
          "ALTER TABLE invitations ADD COLUMN call_secret BLOB NOT NULL DEFAULT x''"));

  private final SqliteDatabase db;

  private ClientDatabase(SqliteDatabase db) {
    this.db = db;
  }

  public static ClientDatabase open(Path dataDir) {
    return new ClientDatabase(SqliteDatabase.open(dataDir.resolve(FILE_NAME), MIGRATIONS));
  }

  SqliteDatabase sql() {
    return db;
  }

  public Settings settings() {
    return new Settings(db);
  }

  public IdentityStore identity() {
    return new IdentityStore(db);
  }

  public ContactStore contacts() {
    return new ContactStore(db);
  }

  public InvitationStore invitations() {
    return new InvitationStore(db);
  }

  public ConversationTable conversations() {
    return new ConversationTable(db);
  }

  public DialingKeyStore dialingKeys() {
    return new DialingKeyStore(db);
  }

  public MirrorStore mirror() {
    return new MirrorStore(db);
  }

  public MessageStore messages() {
    return new MessageStore(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
