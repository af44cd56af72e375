package org.sotto.client.gui;

import java.awt.BasicStroke;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;

/** A small stopwatch, drawn (no font has one everywhere), for the disappearing-message timer. */
final class TimerIcon implements Icon {
  private final int size;

  TimerIcon(int size) {
    this.size = size;
  }

  @Override
  public void paintIcon(Component c, Graphics g, int x, int y) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(Palette.muted());
      float w = Math.max(1.4f, size / 10f);
      g2.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      int d = size - 4;
      int cx = x + size / 2;
      int cy = y + 2 + d / 2 + 1;
      g2.drawOval(cx - d / 2, cy - d / 2, d, d);
      g2.drawLine(cx, cy, cx, cy - d / 2 + 3);
      g2.drawLine(cx, cy, cx + d / 4, cy);
      g2.drawLine(cx - 2, y + 1, cx + 2, y + 1);
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
