package org.sotto.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sotto.client.store.ClientDatabase;
import org.sotto.proto.DirectoryRecord;

/**
 * What a client's mirror of the directory costs (docs/performance.md, "Directory mirror"): the
 * bytes of a record on the wire, and the time of a first sync of N accounts (gRPC, signature
 * checks, SQLite) and of a sync with nothing new. A measurement, not a check: it runs only with
 * {@code -Dsotto.measure=true}.
 */
@EnabledIfSystemProperty(named = "sotto.measure", matches = "true")
class DirectoryMirrorCostTest {
  /** The coordinator's page size (DirectoryService.SYNC_PAGE). */
  private static final int PAGE = 1000;

  @ParameterizedTest
  @ValueSource(ints = {1_000, 10_000})
  void firstSyncAndEmptySync(int users, @TempDir Path dir) throws Exception {
    try (ScriptedDirectory directory = new ScriptedDirectory(PAGE);
        ClientDatabase db = ClientDatabase.open(dir)) {
      for (int i = 0; i < users; i++) {
        directory.register("user" + i);
      }
      long bytes = directory.records.stream().mapToLong(DirectoryRecord::getSerializedSize).sum();
      DirectoryMirror mirror = new DirectoryMirror(directory.client(), db.mirror(), () -> 0L);
      long t0 = System.nanoTime();
      mirror.sync();
      long first = System.nanoTime() - t0;
      assertThat(mirror.size()).isEqualTo(users);
      long empty = Long.MAX_VALUE;
      for (int i = 0; i < 20; i++) {
        long t1 = System.nanoTime();
        mirror.sync();
        empty = Math.min(empty, System.nanoTime() - t1);
      }
      System.out.printf("mirror of %d users: %.1f bytes per record (%d KB in %d pages), "
              + "first sync %.0f ms (%.0f us per record), sync with nothing new %.2f ms, "
              + "client.db with its log %d KB%n", users, (double) bytes / users, bytes / 1024,
          directory.syncCalls.size() - 20, first / 1e6, first / 1e3 / users, empty / 1e6,
          databaseBytes(dir) / 1024);
    }
  }

  /** client.db and its write-ahead log, where fresh pages are until a checkpoint. */
  private static long databaseBytes(Path dir) throws java.io.IOException {
    long total = 0;
    for (String suffix : new String[] {"", "-wal"}) {
      Path file = dir.resolve(ClientDatabase.FILE_NAME + suffix);
      total += java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
    }
    return total;
  }
}
