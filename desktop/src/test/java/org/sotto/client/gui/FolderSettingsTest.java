package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop client's settings kept in a data folder. */
class FolderSettingsTest {

  @Test
  void eachFolderKeepsItsOwn(@TempDir Path dir) throws Exception {
    Path alice = Files.createDirectories(dir.resolve("alice"));
    Path bob = Files.createDirectories(dir.resolve("bob"));
    FolderSettings.DEFAULTS.withDiscreet(true).save(alice);
    FolderSettings.DEFAULTS.withNotifications(false).withLoggedOut(true).save(bob);

    assertThat(FolderSettings.load(alice)).isEqualTo(new FolderSettings(true, true, false));
    assertThat(FolderSettings.load(bob)).isEqualTo(new FolderSettings(false, false, true));
    try (var files = Files.list(alice)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .as("no temporary file left behind").containsExactly(FolderSettings.FILE_NAME);
    }
  }

  @Test
  void aFolderThatNeverSavedOrCannotBeReadUsesTheDefaults(@TempDir Path dir) throws Exception {
    assertThat(FolderSettings.load(dir)).isEqualTo(FolderSettings.DEFAULTS);
    Files.createDirectory(dir.resolve(FolderSettings.FILE_NAME));
    assertThat(FolderSettings.load(dir)).as("a directory where the file should be")
        .isEqualTo(FolderSettings.DEFAULTS);
  }
}
