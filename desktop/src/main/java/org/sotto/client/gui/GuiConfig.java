package org.sotto.client.gui;

import java.nio.file.Path;
import org.sotto.client.ClientSettings;

/**
 * How the desktop client starts.
 *
 * @param dataDir the data folder to open; null for the one used last (or the default)
 * @param descriptor a cluster descriptor to pin or check; null for the one pinned in the folder
 * @param preferences where the theme and the last data folder are remembered
 */
public record GuiConfig(Path dataDir, Path descriptor, GuiPreferences preferences) {

  /**
   * The data folder used when none is given or remembered: {@code ~/.sotto}, the command-line
   * client's default too, so both see the same account.
   */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".sotto");
  }

  /** The folder to open first: the one given, else the one remembered, else the default. */
  Path initialDataDir() {
    if (dataDir != null) {
      return dataDir;
    }
    return preferences.dataDir().orElseGet(GuiConfig::defaultDataDir);
  }

  /** Client settings for {@code dir}, pinning {@code descriptorFile} (null: the pinned one). */
  ClientSettings clientSettings(Path dir, Path descriptorFile, boolean trustNew) {
    ClientSettings s = ClientSettings.of(dir, descriptorFile);
    return trustNew ? s.trustingNewDescriptor() : s;
  }
}
