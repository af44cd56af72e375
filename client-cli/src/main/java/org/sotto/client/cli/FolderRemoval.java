package org.sotto.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a data folder a failed command created, so it leaves nothing behind. */
final class FolderRemoval {
  private FolderRemoval() {}

  /**
   * Deletes what is in {@code dir}, and {@code dir} itself unless {@code keepFolder} (the user
   * made it); a file that will not go is left, quietly.
   */
  static void remove(Path dir, boolean keepFolder) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).filter(p -> !(keepFolder && p.equals(dir)))
          .forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind; the next register on this folder reports it if it matters
        }
      });
    } catch (IOException e) {
      // the folder is already gone
    }
  }
}
