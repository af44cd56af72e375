package org.sotto.client.gui;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.LayoutManager;
import java.awt.RenderingHints;
import java.util.function.Supplier;
import javax.swing.JPanel;

/** A panel painted as a rounded rectangle in a colour looked up at paint time (so themes switch). */
class RoundedPanel extends JPanel {
  private final transient Supplier<Color> fill;
  private final int arc;

  RoundedPanel(LayoutManager layout, Supplier<Color> fill, int arc) {
    super(layout);
    this.fill = fill;
    this.arc = arc;
    setOpaque(false);
  }

  @Override
  protected void paintComponent(Graphics g) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(fill.get());
      g2.fillRoundRect(0, 0, getWidth(), getHeight(), arc, arc);
    } finally {
      g2.dispose();
    }
  }
}
