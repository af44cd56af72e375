package org.sotto.client.gui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the desktop client remembers between runs, outside any data folder (the data folder is one
 * of the things remembered): the theme and the last data folder. Kept with java.util.prefs, which
 * stores them where each platform keeps such settings.
 */
public final class GuiPreferences {
  private static final String THEME = "theme";
  private static final String DATA_DIR = "data-dir";

  private final Preferences node;

  public GuiPreferences(Preferences node) {
    this.node = node;
  }

  /** The user's preferences for the desktop client. */
  public static GuiPreferences user() {
    return new GuiPreferences(Preferences.userRoot().node("org/sotto/gui"));
  }

  public Theme theme() {
    return Theme.parse(node.get(THEME, Theme.SYSTEM.name()));
  }

  public void setTheme(Theme theme) {
    node.put(THEME, theme.name());
    flush();
  }

  public Optional<Path> dataDir() {
    String dir = node.get(DATA_DIR, null);
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  public void setDataDir(Path dir) {
    node.put(DATA_DIR, dir.toAbsolutePath().toString());
    flush();
  }

  private void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // kept in memory for this run; the next change tries again
    }
  }
}
