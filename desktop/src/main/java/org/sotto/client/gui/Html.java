package org.sotto.client.gui;

/** Text for Swing's HTML labels. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("<br>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static double cssScale;

  /**
   * A label text that wraps at {@code width} screen pixels. Swing's HTML renderer scales CSS
   * lengths by the screen resolution, so the CSS width is measured once against a probe label.
   */
  static String wrapped(String text, int width) {
    return "<html><body style='width:" + cssWidth(width) + "px'>" + escape(text)
        + "</body></html>";
  }

  /** The CSS width that renders {@code pixels} wide. */
  static int cssWidth(int pixels) {
    if (cssScale == 0) {
      javax.swing.JLabel probe = new javax.swing.JLabel("<html><body style='width:200px'>"
          + "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x"
          + " x x x x x x x x x x x x x x x x x x x x x x x x x x</body></html>");
      int measured = probe.getPreferredSize().width;
      cssScale = measured > 0 ? measured / 200.0 : 1.0;
    }
    return Math.max(20, (int) Math.floor(pixels / cssScale));
  }
}
