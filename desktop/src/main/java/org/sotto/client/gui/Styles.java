package org.sotto.client.gui;

import javax.swing.AbstractButton;

/** FlatLaf styles Sotto uses in several places, as style strings (they follow theme changes). */
final class Styles {
  private Styles() {}

  /** The main action of a screen: accent-coloured like a default button. */
  static <B extends AbstractButton> B primary(B button) {
    button.putClientProperty("FlatLaf.style", "background: $Component.accentColor; "
        + "foreground: #ffffff; "
        + "borderColor: $Component.accentColor; "
        + "hoverBackground: darken($Component.accentColor,6%); "
        + "pressedBackground: darken($Component.accentColor,12%); "
        + "focusedBackground: darken($Component.accentColor,4%); "
        + "font: bold");
    return button;
  }
}
