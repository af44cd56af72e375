package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.border.EmptyBorder;

/** Four bars filling up with the password's strength, its name, and the advice under it. */
final class PasswordMeter extends JPanel {
  private final Bars bars = new Bars();
  private final JLabel label = new JLabel(" ");
  private final JLabel advice = new JLabel(" ");
  private PasswordStrength strength = new PasswordStrength(0, "", "");

  PasswordMeter() {
    super(new BorderLayout(8, 2));
    setOpaque(false);
    label.setName("password.strength");
    advice.setName("password.advice");
    label.putClientProperty("FlatLaf.styleClass", "small");
    advice.putClientProperty("FlatLaf.styleClass", "small");
    JPanel top = new JPanel(new BorderLayout(8, 0));
    top.setOpaque(false);
    top.add(bars, BorderLayout.CENTER);
    top.add(label, BorderLayout.EAST);
    add(top, BorderLayout.NORTH);
    add(advice, BorderLayout.CENTER);
    setBorder(new EmptyBorder(2, 0, 0, 0));
  }

  void show(PasswordStrength s) {
    strength = s;
    label.setText(s.label().isEmpty() ? " " : s.label());
    label.setForeground(color(s.level()));
    advice.setText(s.advice().isEmpty() ? " " : Html.wrapped(s.advice(), 350));
    advice.setForeground(s.level() == 1 ? Palette.error() : Palette.muted());
    bars.repaint();
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (strength != null) {
      show(strength);
    }
  }

  static Color color(int level) {
    return switch (level) {
      case 1 -> Palette.error();
      case 2 -> Palette.warning();
      case 3, 4 -> Palette.ok();
      default -> Palette.muted();
    };
  }

  private final class Bars extends JComponent {
    Bars() {
      setPreferredSize(new Dimension(200, 6));
    }

    @Override
    protected void paintComponent(Graphics g) {
      Graphics2D g2 = (Graphics2D) g.create();
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int gap = 4;
      int w = (getWidth() - 3 * gap) / 4;
      int y = (getHeight() - 6) / 2;
      for (int i = 0; i < 4; i++) {
        boolean on = i < strength.level();
        g2.setColor(on ? color(strength.level()) : Palette.separator());
        g2.fillRoundRect(i * (w + gap), y, w, 6, 6, 6);
      }
      g2.dispose();
    }
  }
}
