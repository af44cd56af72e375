package org.sotto.client.gui;

import java.awt.Component;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;
import javax.swing.Icon;
import javax.swing.UIManager;

/** A round badge with a user's initial, coloured by their name. */
final class Avatar implements Icon {
  private final String name;
  private final int size;

  Avatar(String name, int size) {
    this.name = name == null || name.isEmpty() ? "?" : name;
    this.size = size;
  }

  @Override
  public void paintIcon(Component c, Graphics g, int x, int y) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setColor(Palette.forName(name));
      g2.fillOval(x, y, size, size);
      Font base = UIManager.getFont("Label.font");
      g2.setFont(base.deriveFont(Font.BOLD, size * 0.45f));
      String initial = name.substring(0, 1).toUpperCase(Locale.ROOT);
      FontMetrics fm = g2.getFontMetrics();
      g2.setColor(java.awt.Color.WHITE);
      g2.drawString(initial, x + (size - fm.stringWidth(initial)) / 2f,
          y + (size - fm.getHeight()) / 2f + fm.getAscent());
    } finally {
      g2.dispose();
    }
  }

  @Override
  public int getIconWidth() {
    return size;
  }

  @Override
  public int getIconHeight() {
    return size;
  }
}
