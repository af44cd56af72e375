package org.sotto.client.gui;

import com.formdev.flatlaf.FlatLaf;
import java.awt.Color;
import javax.swing.UIManager;

/** Sotto's colours beyond the look and feel's own, for the light and the dark theme. */
final class Palette {
  private Palette() {}

  static boolean dark() {
    return FlatLaf.isLafDark();
  }

  static Color accent() {
    Color c = UIManager.getColor("Component.accentColor");
    return c != null ? c : new Color(0x4263EB);
  }

  /** Behind the messages. */
  static Color chatBackground() {
    return dark() ? new Color(0x1F2023) : new Color(0xFFFFFF);
  }

  /** Behind the login card. */
  static Color backdrop() {
    return dark() ? new Color(0x1B1C1F) : new Color(0xECEEF2);
  }

  static Color card() {
    return dark() ? new Color(0x2B2D30) : new Color(0xFFFFFF);
  }

  /** A card on the sidebar (an invitation). */
  static Color raised() {
    return dark() ? new Color(0x3A3D42) : new Color(0xFFFFFF);
  }

  static Color sidebarBackground() {
    return dark() ? new Color(0x2B2D30) : new Color(0xF4F5F7);
  }

  /** The selected contact. */
  static Color selection() {
    return dark() ? new Color(0x34406B) : new Color(0xDDE4FC);
  }

  static Color mineBubble() {
    return dark() ? new Color(0x3B5BDB) : new Color(0x4263EB);
  }

  static Color mineText() {
    return Color.WHITE;
  }

  static Color mineMeta() {
    return new Color(255, 255, 255, 200);
  }

  static Color theirsBubble() {
    return dark() ? new Color(0x34373C) : new Color(0xEDEFF3);
  }

  static Color theirsText() {
    return dark() ? new Color(0xE8E9EB) : new Color(0x1D2025);
  }

  static Color muted() {
    return dark() ? new Color(0x9DA1A8) : new Color(0x6B7079);
  }

  static Color ok() {
    return dark() ? new Color(0x51CF66) : new Color(0x2B8A3E);
  }

  static Color warning() {
    return dark() ? new Color(0xFFA94D) : new Color(0xD9480F);
  }

  static Color error() {
    return dark() ? new Color(0xFF6B6B) : new Color(0xC92A2A);
  }

  static Color separator() {
    Color c = UIManager.getColor("Separator.foreground");
    return c != null ? c : Color.GRAY;
  }

  /** A stable colour per name, for avatars. */
  static Color forName(String name) {
    int[] hues = {0x4263EB, 0x0CA678, 0xE8590C, 0xAE3EC9, 0x1098AD, 0xD6336C, 0x5C940D,
        0x7048E8};
    return new Color(hues[Math.floorMod(name.hashCode(), hues.length)]);
  }
}
