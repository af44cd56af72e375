package org.sotto.core.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An embedded SQLite database as Sotto uses it, for the coordinator's accounts and a client's
 * local state alike:
 *
 * <ul>
 *   <li><b>WAL journal</b>: readers never block the writer, and a commit is one append to the
 *       log instead of a rewrite of the pages;
 *   <li><b>synchronous=FULL</b>: every commit is fsynced before it returns. With WAL, NORMAL
 *       already survives {@code kill -9} (the log is in the OS page cache), but a power cut could
 *       roll back the last commits, and what we commit is exactly what must not roll back after
 *       we acted on it: an account the user was told exists, or a message the client has already
 *       acknowledged to its peer. Both are written a few times per round at most, so the fsync is
 *       cheap here;
 *   <li>one connection, used under this object's lock: neither user needs concurrent writers,
 *       and a single connection makes every transaction trivially serializable;
 *   <li>schema migrations numbered by {@code PRAGMA user_version}; a database written by a newer
 *       version is refused rather than misread.
 * </ul>
 *
 * The folder is created readable by its owner only, since both databases hold secrets.
 */
public final class SqliteDatabase implements AutoCloseable {
  private final Path file;
  private final Connection connection;

  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private SqliteDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the database at {@code file} and brings its schema up to date:
   * {@code migrations.get(i)} holds the statements that take version i to i + 1.
   */
  public static SqliteDatabase open(Path file, List<List<String>> migrations) {
    createPrivateFolder(file.toAbsolutePath().getParent());
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new StorageException("cannot open the database " + file + ": " + e.getMessage()
          + " (check that the folder is writable)", e);
    }
    SqliteDatabase db = new SqliteDatabase(file, c);
    try {
      db.configure();
      db.migrate(migrations);
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e instanceof StorageException s ? s
          : new StorageException("cannot prepare the database " + file + ": " + e.getMessage(), e);
    }
    return db;
  }

  private void configure() throws SQLException {
    try (Statement s = connection.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA journal_mode=WAL")) {
        if (!r.next() || !"wal".equalsIgnoreCase(r.getString(1))) {
          throw new StorageException("the database " + file + " cannot use a write-ahead log "
              + "(is it on a network file system? keep it on a local disk)");
        }
      }
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA foreign_keys=ON");
      // deleted rows are overwritten with zeros, not left in free pages: erasing a key (a
      // client's dialing key of a past epoch) must leave nothing in the file
      s.execute("PRAGMA secure_delete=ON");
      // Another process on the same file (a second CLI command) waits instead of failing.
      s.execute("PRAGMA busy_timeout=5000");
    }
  }

  private void migrate(List<List<String>> migrations) throws SQLException {
    int version;
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      version = r.next() ? r.getInt(1) : 0;
    }
    if (version > migrations.size()) {
      throw new StorageException("the database " + file + " has schema version " + version
          + ", newer than this Sotto knows (" + migrations.size() + "); upgrade Sotto");
    }
    for (int v = version; v < migrations.size(); v++) {
      int next = v + 1;
      List<String> statements = migrations.get(v);
      write(c -> {
        try (Statement s = c.createStatement()) {
          for (String sql : statements) {
            s.execute(sql);
          }
          s.execute("PRAGMA user_version=" + next);
        }
        return null;
      });
    }
  }

  /** Runs {@code work} outside a transaction (single statements, reads). */
  public synchronized <T> T read(Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one transaction: all of it is committed (and fsynced), or none. A failure
   * is reported by its first cause. After some errors (a full disk above all) SQLite has already
   * rolled the transaction back itself, so the rollback here and the return to auto-commit (which
   * commits) fail in turn with "no transaction is active"; those follow-on errors are kept only
   * as suppressed exceptions, never in place of the cause.
   */
  public synchronized <T> T write(Work<T> work) {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw writeFailed(e);
    }
    Exception failure = null;
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      failure = e;
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e instanceof SQLException sql ? writeFailed(sql) : (RuntimeException) e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        if (failure == null) {
          throw writeFailed(e);
        }
        failure.addSuppressed(e);
      }
    }
  }

  private StorageException writeFailed(SQLException e) {
    String hint = isDiskFull(e) ? "; the disk holding " + file.toAbsolutePath().getParent()
        + " is full: free space there (nothing was written)" : "";
    return new StorageException("writing " + file + " failed: " + e.getMessage() + hint, e);
  }

  /** SQLITE_FULL (13): the disk, or the database's page limit, has no room left. */
  private static boolean isDiskFull(SQLException e) {
    return (e.getErrorCode() & 0xff) == 13 || String.valueOf(e.getMessage()).contains("SQLITE_FULL");
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing is best effort; every commit is already durable
    }
  }

  /** Creates {@code dir} (rwx for the owner only, where the file system has POSIX modes). */
  public static void createPrivateFolder(Path dir) {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
