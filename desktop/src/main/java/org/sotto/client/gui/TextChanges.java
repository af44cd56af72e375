package org.sotto.client.gui;

import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/** A document listener that runs one action on every change, whatever its kind. */
final class TextChanges implements DocumentListener {
  private final Runnable action;

  private TextChanges(Runnable action) {
    this.action = action;
  }

  static DocumentListener run(Runnable action) {
    return new TextChanges(action);
  }

  @Override
  public void insertUpdate(DocumentEvent e) {
    action.run();
  }

  @Override
  public void removeUpdate(DocumentEvent e) {
    action.run();
  }

  @Override
  public void changedUpdate(DocumentEvent e) {
    action.run();
  }
}
