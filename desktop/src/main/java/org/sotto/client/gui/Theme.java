package org.sotto.client.gui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.util.Map;

/** The look of the application: FlatLaf light, dark, or whichever the desktop prefers. */
public enum Theme {
  LIGHT("Light"),
  DARK("Dark"),
  SYSTEM("Follow the system");

  /** FlatLaf settings on top of its defaults: Sotto's accent colour and rounder corners. */
  private static final Map<String, String> EXTRA_DEFAULTS = Map.ofEntries(
      Map.entry("@accentColor", "#4263EB"),
      Map.entry("Component.arc", "10"),
      Map.entry("Button.arc", "10"),
      Map.entry("TextComponent.arc", "10"),
      Map.entry("Component.focusWidth", "1"),
      Map.entry("TextField.margin", "5,8,5,8"),
      Map.entry("PasswordField.margin", "5,8,5,8"),
      Map.entry("Button.margin", "4,14,4,14"),
      Map.entry("ScrollBar.thumbArc", "999"),
      Map.entry("ScrollBar.thumbInsets", "2,2,2,2"),
      Map.entry("ScrollBar.width", "10"),
      Map.entry("SplitPane.dividerSize", "1"),
      Map.entry("SplitPaneDivider.style", "plain"),
      Map.entry("TitlePane.unifiedBackground", "true"));

  private final String label;

  Theme(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether this theme is dark here (asking the desktop for {@link #SYSTEM}). */
  public boolean dark() {
    return switch (this) {
      case LIGHT -> false;
      case DARK -> true;
      case SYSTEM -> SystemTheme.prefersDark();
    };
  }

  /**
   * Installs the look and feel and updates every open window. Call on the event dispatch thread
   * (before the first window, it also sets text anti-aliasing for desktops that do not say).
   */
  public void apply() {
    FlatLaf.setGlobalExtraDefaults(EXTRA_DEFAULTS);
    if (dark()) {
      FlatDarkLaf.setup();
    } else {
      FlatLightLaf.setup();
    }
    FlatLaf.updateUI();
  }

  /** The theme named {@code name}, or SYSTEM for anything unknown. */
  public static Theme parse(String name) {
    for (Theme t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return SYSTEM;
  }

  @Override
  public String toString() {
    return label;
  }
}
