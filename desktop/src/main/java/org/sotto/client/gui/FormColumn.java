package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.KeyStroke;

/**
 * The one-column form the login card and every dialog use: each row as wide as the column and
 * left-aligned, with its own space below; and the way a dialog is finished around such a form
 * (buttons at the bottom right, Enter presses the default one, Escape closes, centred on its
 * owner).
 */
final class FormColumn {
  private final JPanel panel;
  private final GridBagConstraints c = new GridBagConstraints();

  /** Lays rows out in {@code panel}, which must use a GridBagLayout and hold nothing else. */
  FormColumn(JPanel panel) {
    this.panel = panel;
    c.gridx = 0;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.anchor = GridBagConstraints.WEST;
  }

  /** A new panel with empty borders of the given sizes, for a dialog's form. */
  static FormColumn padded(int top, int left, int bottom, int right) {
    JPanel panel = new JPanel(new GridBagLayout());
    panel.setBorder(BorderFactory.createEmptyBorder(top, left, bottom, right));
    return new FormColumn(panel);
  }

  /** Adds {@code component} across the column, {@code below} pixels above the next row. */
  FormColumn row(JComponent component, int below) {
    return add(component, below, GridBagConstraints.HORIZONTAL);
  }

  /** Adds {@code component} at its own width, left-aligned. */
  FormColumn narrowRow(JComponent component, int below) {
    return add(component, below, GridBagConstraints.NONE);
  }

  private FormColumn add(JComponent component, int below, int fill) {
    c.gridy = panel.getComponentCount();
    c.insets = new Insets(0, 0, below, 0);
    c.fill = fill;
    panel.add(component, c);
    return this;
  }

  JPanel panel() {
    return panel;
  }

  /**
   * Puts this form and {@code buttons} (left to right) into {@code dialog}, makes
   * {@code defaultButton} the one Enter presses and Escape close it, and packs and centres it.
   */
  void finish(JDialog dialog, Window owner, JButton defaultButton, JButton... buttons) {
    JPanel row = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    row.setBorder(BorderFactory.createEmptyBorder(6, 20, 16, 16));
    for (JButton b : buttons) {
      row.add(b);
    }
    dialog.getContentPane().setLayout(new BorderLayout());
    dialog.getContentPane().add(panel, BorderLayout.CENTER);
    dialog.getContentPane().add(row, BorderLayout.SOUTH);
    dialog.getRootPane().setDefaultButton(defaultButton);
    dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(),
        KeyStroke.getKeyStroke("ESCAPE"), JComponent.WHEN_IN_FOCUSED_WINDOW);
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
  }
}
