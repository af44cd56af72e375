package org.sotto.client.gui;

import java.awt.Toolkit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop asks applications for a dark look. Java has no API for this, so it asks
 * the way each desktop answers: GNOME's color-scheme and GTK theme name on Linux, the
 * AppleInterfaceStyle default on macOS, AppsUseLightTheme in the Windows registry. Anything that
 * does not answer (Xvfb, a bare X server) means light.
 */
final class SystemTheme {
  private SystemTheme() {}

  static boolean prefersDark() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
    }
    if (os.contains("win")) {
      return run(List.of("reg", "query",
          "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
          "/v", "AppsUseLightTheme")).contains("0x0");
    }
    String gtkTheme = System.getenv("GTK_THEME");
    if (gtkTheme != null && gtkTheme.toLowerCase(Locale.ROOT).contains("dark")) {
      return true;
    }
    Object themeName = Toolkit.getDefaultToolkit().getDesktopProperty("gnome.Net/ThemeName");
    if (themeName != null && themeName.toString().toLowerCase(Locale.ROOT).contains("dark")) {
      return true;
    }
    if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
      return false;
    }
    return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
        .contains("prefer-dark");
  }

  /** The lower-cased output of a short command, or "" if it is missing, fails or hangs. */
  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        if (!p.waitFor(1, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "";
        }
        return new String(in.readNBytes(4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      }
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
