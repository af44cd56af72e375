package org.sotto.client.gui;

import java.awt.Component;
import java.awt.Graphics;
import java.awt.Insets;
import javax.swing.border.AbstractBorder;

/**
 * A one-pixel separator line on some sides plus padding, in the theme's separator colour looked
 * up at paint time (so it follows theme changes).
 */
final class LineBorder extends AbstractBorder {
  private final boolean top;
  private final boolean left;
  private final boolean bottom;
  private final boolean right;
  private final Insets pad;

  private LineBorder(boolean top, boolean left, boolean bottom, boolean right, Insets pad) {
    this.top = top;
    this.left = left;
    this.bottom = bottom;
    this.right = right;
    this.pad = pad;
  }

  static LineBorder below(int t, int l, int b, int r) {
    return new LineBorder(false, false, true, false, new Insets(t, l, b, r));
  }

  static LineBorder above(int t, int l, int b, int r) {
    return new LineBorder(true, false, false, false, new Insets(t, l, b, r));
  }

  static LineBorder right(int t, int l, int b, int r) {
    return new LineBorder(false, false, false, true, new Insets(t, l, b, r));
  }

  @Override
  public void paintBorder(Component c, Graphics g, int x, int y, int width, int height) {
    g.setColor(Palette.separator());
    if (top) {
      g.fillRect(x, y, width, 1);
    }
    if (bottom) {
      g.fillRect(x, y + height - 1, width, 1);
    }
    if (left) {
      g.fillRect(x, y, 1, height);
    }
    if (right) {
      g.fillRect(x + width - 1, y, 1, height);
    }
  }

  @Override
  public Insets getBorderInsets(Component c, Insets insets) {
    insets.top = pad.top + (top ? 1 : 0);
    insets.left = pad.left + (left ? 1 : 0);
    insets.bottom = pad.bottom + (bottom ? 1 : 0);
    insets.right = pad.right + (right ? 1 : 0);
    return insets;
  }
}
