package org.sotto.client.gui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.LayoutManager;
import java.awt.Rectangle;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollBar;
import javax.swing.JViewport;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;

/**
 * A conversation's messages, top to bottom: theirs on the left, mine on the right, each bubble at
 * most about two thirds of the width, notes from the app centred. Heights follow the width, so the
 * panel tracks its viewport's width and lays out again when it changes.
 */
final class MessageListPanel extends JPanel implements Scrollable {
  private static final int MARGIN = 16;
  private static final int SAME_SENDER_GAP = 4;
  private static final int OTHER_SENDER_GAP = 12;
  private static final double MAX_BUBBLE = 0.68;

  private static final String NOTE_TEXT = "sotto.note";
  private static final String NOTE_WIDTH = "sotto.note.width";

  private int laidOutWidth = -1;

  MessageListPanel() {
    setName("messages");
    setLayout(new ListLayout());
    addComponentListener(new ComponentAdapter() {
      @Override
      public void componentResized(ComponentEvent e) {
        if (getWidth() != laidOutWidth) {
          revalidate();
        }
      }
    });
  }

  /** Shows {@code items}; keeps the view at the bottom if it was there (or {@code toBottom}). */
  void show(List<MessageItem> items, boolean toBottom) {
    boolean atBottom = toBottom || atBottom();
    removeAll();
    for (MessageItem item : items) {
      if (item.kind() == MessageItem.Kind.NOTE) {
        JLabel note = new JLabel(item.text(), SwingConstants.CENTER);
        note.putClientProperty(NOTE_TEXT, item.text());
        note.setName("message.note");
        note.putClientProperty("FlatLaf.styleClass", "small");
        note.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
        add(note);
      } else {
        add(new MessageBubble(item));
      }
    }
    revalidate();
    repaint();
    if (atBottom) {
      SwingUtilities.invokeLater(this::scrollToBottom);
    }
  }

  private boolean atBottom() {
    JScrollBar bar = verticalBar();
    return bar == null || bar.getValue() + bar.getVisibleAmount() >= bar.getMaximum() - 24;
  }

  void scrollToBottom() {
    validate();
    scrollRectToVisible(new Rectangle(0, Math.max(0, getHeight() - 1), 1, 1));
  }

  private JScrollBar verticalBar() {
    if (getParent() instanceof JViewport v
        && v.getParent() instanceof javax.swing.JScrollPane pane) {
      return pane.getVerticalScrollBar();
    }
    return null;
  }

  @Override
  protected void paintComponent(Graphics g) {
    g.setColor(Palette.chatBackground());
    g.fillRect(0, 0, getWidth(), getHeight());
  }

  // ---- Scrollable -----------------------------------------------------------------------------

  @Override
  public Dimension getPreferredScrollableViewportSize() {
    return new Dimension(400, 300);
  }

  @Override
  public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
    return 24;
  }

  @Override
  public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
    return Math.max(24, visible.height - 48);
  }

  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  @Override
  public boolean getScrollableTracksViewportHeight() {
    return getParent() instanceof JViewport v && v.getHeight() > getPreferredSize().height;
  }

  /** Lays the rows out for the panel's current width. */
  private final class ListLayout implements LayoutManager {
    @Override
    public void addLayoutComponent(String name, Component comp) {}

    @Override
    public void removeLayoutComponent(Component comp) {}

    @Override
    public Dimension preferredLayoutSize(Container parent) {
      int width = widthOf(parent);
      return new Dimension(width, place(parent, width, false, 0));
    }

    @Override
    public Dimension minimumLayoutSize(Container parent) {
      return new Dimension(120, 0);
    }

    @Override
    public void layoutContainer(Container parent) {
      laidOutWidth = parent.getWidth();
      int width = widthOf(parent);
      int height = place(parent, width, false, 0);
      // like a chat: a short conversation sits at the bottom, next to where one writes
      place(parent, width, true, Math.max(0, parent.getHeight() - height));
    }

    private int widthOf(Container parent) {
      if (parent.getWidth() > 0) {
        return parent.getWidth();
      }
      return parent.getParent() != null && parent.getParent().getWidth() > 0
          ? parent.getParent().getWidth() : 480;
    }

    /** Places (or only measures) every row, {@code top} pixels down; returns the height. */
    private int place(Container parent, int width, boolean apply, int top) {
      int y = MARGIN + top;
      int inner = width - 2 * MARGIN;
      int maxBubble = (int) (inner * MAX_BUBBLE);
      Boolean lastOutgoing = null;
      for (Component c : parent.getComponents()) {
        if (c instanceof MessageBubble b) {
          if (lastOutgoing != null) {
            y += lastOutgoing == b.outgoing() ? SAME_SENDER_GAP : OTHER_SENDER_GAP;
          }
          Dimension d = b.sizeFor(maxBubble);
          int x = b.outgoing() ? width - MARGIN - d.width : MARGIN;
          if (apply) {
            b.setBounds(x, y, d.width, d.height);
          }
          y += d.height;
          lastOutgoing = b.outgoing();
        } else {
          if (lastOutgoing != null || y > MARGIN + top) {
            y += OTHER_SENDER_GAP;
          }
          int noteWidth = Math.min(inner, 460);
          if (c instanceof JLabel label && label.getClientProperty(NOTE_TEXT) instanceof String t
              && !Integer.valueOf(noteWidth).equals(label.getClientProperty(NOTE_WIDTH))) {
            label.putClientProperty(NOTE_WIDTH, noteWidth);
            label.setText(t);
            if (label.getPreferredSize().width > noteWidth) {
              label.setText("<html><body style='width:" + Html.cssWidth(Math.max(60, noteWidth - 8))
                  + "px; text-align:center'>" + Html.escape(t) + "</body></html>");
            }
          }
          Dimension d = c.getPreferredSize();
          int w = Math.min(noteWidth, d.width);
          if (apply) {
            c.setBounds((width - w) / 2, y, w, d.height);
          }
          y += d.height;
          lastOutgoing = null;
        }
      }
      return y + MARGIN - top;
    }
  }
}
