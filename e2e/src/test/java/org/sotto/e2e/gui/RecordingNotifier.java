package org.sotto.e2e.gui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.client.gui.Notifier;

/**
 * Desktop notifications as a test sees them: kept in order instead of shown (Xvfb has no
 * notification area, so the system tray is unsupported there anyway).
 */
final class RecordingNotifier implements Notifier {
  /** One notification. */
  record Shown(String title, String text) {}

  private final List<Shown> shown = new CopyOnWriteArrayList<>();

  @Override
  public void show(String title, String text) {
    shown.add(new Shown(title, text));
  }

  List<Shown> shown() {
    return List.copyOf(shown);
  }
}
