package org.sotto.client.gui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import org.sotto.client.conversation.Delivery;

/**
 * One message: a rounded bubble holding its text (wrapped, selectable) and a small line with the
 * time and, for the user's own messages, how far it got. Mine are accent-coloured, theirs grey;
 * the {@link MessageListPanel} puts mine on the right.
 */
final class MessageBubble extends JComponent {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm")
      .withZone(ZoneId.systemDefault());
  private static final Insets PAD = new Insets(7, 12, 6, 12);
  private static final int ARC = 18;
  private static final int META_GAP = 2;

  private final MessageItem item;
  private final JTextArea text = new JTextArea();
  private final JLabel meta = new JLabel();

  MessageBubble(MessageItem item) {
    this.item = item;
    setName("message");
    text.setName("message.text");
    text.setText(item.text());
    text.setEditable(false);
    text.setLineWrap(true);
    text.setWrapStyleWord(true);
    text.setOpaque(false);
    text.setBorder(null);
    text.setMargin(new Insets(0, 0, 0, 0));
    text.putClientProperty("FlatLaf.style", "font: +1");
    meta.setName("message.meta");
    meta.putClientProperty("FlatLaf.styleClass", "small");
    meta.setText(metaText(item));
    add(text);
    add(meta);
    colors();
  }

  boolean outgoing() {
    return item.kind() == MessageItem.Kind.OUTGOING;
  }

  MessageItem item() {
    return item;
  }

  static String metaText(MessageItem item) {
    String time = TIME.format(Instant.ofEpochMilli(item.atUnixMs()));
    if (item.kind() != MessageItem.Kind.OUTGOING) {
      return time;
    }
    return time + "   " + stateText(item.state());
  }

  static String stateText(Delivery state) {
    return switch (state) {
      case QUEUED -> "◷ Queued";
      case SENT -> "✓ Sent";
      case DELIVERED -> "✓✓ Delivered";
    };
  }

  private void colors() {
    text.setForeground(outgoing() ? Palette.mineText() : Palette.theirsText());
    text.setSelectionColor(outgoing() ? new Color(255, 255, 255, 90) : null);
    meta.setForeground(outgoing() ? Palette.mineMeta() : Palette.muted());
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (text != null) {
      colors();
    }
  }

  /** The bubble's size when it may be at most {@code maxWidth} wide. */
  Dimension sizeFor(int maxWidth) {
    int innerMax = Math.max(40, maxWidth - PAD.left - PAD.right);
    FontMetrics fm = text.getFontMetrics(text.getFont());
    int natural = 0;
    for (String line : item.text().split("\n", -1)) {
      natural = Math.max(natural, fm.stringWidth(line));
    }
    int textWidth = Math.min(natural + 2, innerMax);
    text.setSize(textWidth, Short.MAX_VALUE);
    int textHeight = text.getPreferredSize().height;
    Dimension m = meta.getPreferredSize();
    int inner = Math.min(innerMax, Math.max(textWidth, m.width));
    return new Dimension(inner + PAD.left + PAD.right,
        PAD.top + textHeight + META_GAP + m.height + PAD.bottom);
  }

  @Override
  public void doLayout() {
    int w = getWidth() - PAD.left - PAD.right;
    Dimension m = meta.getPreferredSize();
    int textHeight = getHeight() - PAD.top - PAD.bottom - META_GAP - m.height;
    text.setBounds(PAD.left, PAD.top, w, textHeight);
    meta.setBounds(getWidth() - PAD.right - m.width, PAD.top + textHeight + META_GAP, m.width,
        m.height);
  }

  @Override
  protected void paintComponent(Graphics g) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(outgoing() ? Palette.mineBubble() : Palette.theirsBubble());
      g2.fillRoundRect(0, 0, getWidth(), getHeight(), ARC, ARC);
    } finally {
      g2.dispose();
    }
  }
}
