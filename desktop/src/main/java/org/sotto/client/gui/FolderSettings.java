package org.sotto.client.gui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The desktop client's settings that belong to one data folder (and so to its account), kept in
 * that folder as {@value #FILE_NAME}: two windows on two folders each read and change their own,
 * where a per-machine store would hand one account's choices to the other. Only what truly
 * belongs to the machine stays in {@link GuiPreferences}.
 *
 * @param notifications show a desktop notification for a new message or invitation
 * @param discreet say only that something arrived, never from whom or what
 * @param loggedOut the user logged out: the window asks for the password before it opens the
 *     account again
 */
record FolderSettings(boolean notifications, boolean discreet, boolean loggedOut) {
  static final String FILE_NAME = "gui-settings.properties";
  private static final String NOTIFICATIONS = "notifications";
  private static final String DISCREET = "notifications.discreet";
  private static final String LOGGED_OUT = "logged-out";

  /** What a folder that never saved any uses. */
  static final FolderSettings DEFAULTS = new FolderSettings(true, false, false);

  /** The settings saved in {@code dataDir}; the defaults when none are (or they are unreadable). */
  static FolderSettings load(Path dataDir) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return DEFAULTS;
    } catch (IOException | IllegalArgumentException e) {
      // an unreadable file must not lock the user out of the folder: start from the defaults
      return DEFAULTS;
    }
    return new FolderSettings(
        Boolean.parseBoolean(p.getProperty(NOTIFICATIONS, Boolean.toString(DEFAULTS.notifications))),
        Boolean.parseBoolean(p.getProperty(DISCREET, Boolean.toString(DEFAULTS.discreet))),
        Boolean.parseBoolean(p.getProperty(LOGGED_OUT, Boolean.toString(DEFAULTS.loggedOut))));
  }

  /**
   * Writes these settings into {@code dataDir}, replacing the file in one step so a crash leaves
   * the old or the new settings, never half of them.
   */
  void save(Path dataDir) throws IOException {
    Properties p = new Properties();
    p.setProperty(NOTIFICATIONS, Boolean.toString(notifications));
    p.setProperty(DISCREET, Boolean.toString(discreet));
    p.setProperty(LOGGED_OUT, Boolean.toString(loggedOut));
    Path target = dataDir.resolve(FILE_NAME);
    Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "Sotto desktop client settings for this data folder");
      }
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  FolderSettings withNotifications(boolean on) {
    return new FolderSettings(on, discreet, loggedOut);
  }

  FolderSettings withDiscreet(boolean on) {
    return new FolderSettings(notifications, on, loggedOut);
  }

  FolderSettings withLoggedOut(boolean out) {
    return new FolderSettings(notifications, discreet, out);
  }
}
