package org.sotto.client.gui;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;

/**
 * Shows a desktop notification. The real one is the platform's notification area
 * ({@link SystemTray}); where the desktop has none, notifications are dropped and the window
 * title's unread count is what tells the user.
 */
@FunctionalInterface
public interface Notifier {

  /** Shows {@code title} and {@code text}; called on the EDT, must return quickly. */
  void show(String title, String text);

  /** Whether notifications can appear at all on this desktop. */
  default boolean supported() {
    return true;
  }

  /** Takes this notifier's icon out of the tray, if it put one there. On the EDT. */
  default void close() {}

  /** Drops every notification. */
  Notifier NONE = new Notifier() {
    @Override
    public void show(String title, String text) {}

    @Override
    public boolean supported() {
      return false;
    }
  };

  /**
   * A notifier on the system tray with {@code icon}, added on first use (so a window that never
   * notifies puts nothing in the tray) and removed by {@link #close()}; {@link #NONE}
   * where the desktop has no tray.
   */
  static Notifier systemTray(Image icon) {
    if (!SystemTray.isSupported()) {
      return NONE;
    }
    return new Notifier() {
      private TrayIcon tray;

      @Override
      public void show(String title, String text) {
        try {
          if (tray == null) {
            TrayIcon t = new TrayIcon(icon, "Sotto");
            t.setImageAutoSize(true);
            SystemTray.getSystemTray().add(t);
            tray = t;
          }
          tray.displayMessage(title, text, TrayIcon.MessageType.NONE);
        } catch (AWTException | UnsupportedOperationException | SecurityException e) {
          // the tray went away (the panel restarted): the unread count in the title remains
        }
      }

      @Override
      public boolean supported() {
        return true;
      }

      @Override
      public void close() {
        if (tray != null) {
          SystemTray.getSystemTray().remove(tray);
          tray = null;
        }
      }
    };
  }
}
