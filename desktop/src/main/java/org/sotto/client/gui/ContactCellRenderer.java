package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.SwingConstants;

/** A contact in the list: avatar, name, last message (or state), and an unread badge. */
final class ContactCellRenderer extends JPanel implements ListCellRenderer<String> {
  private final SessionModel model;
  private final JLabel avatar = new JLabel();
  private final JLabel name = new JLabel();
  private final JLabel preview = new JLabel();
  private final Badge badge = new Badge();

  ContactCellRenderer(SessionModel model) {
    super(new BorderLayout(10, 0));
    this.model = model;
    setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
    JPanel text = new JPanel();
    text.setOpaque(false);
    text.setLayout(new BoxLayout(text, BoxLayout.Y_AXIS));
    name.putClientProperty("FlatLaf.style", "font: bold +1");
    preview.putClientProperty("FlatLaf.styleClass", "small");
    text.add(name);
    text.add(preview);
    add(avatar, BorderLayout.WEST);
    add(text, BorderLayout.CENTER);
    add(badge, BorderLayout.EAST);
  }

  @Override
  public Component getListCellRendererComponent(JList<? extends String> list, String contact,
      int index, boolean isSelected, boolean cellHasFocus) {
    ConversationModel c = model.conversation(contact);
    avatar.setIcon(new Avatar(contact, 34));
    name.setText(contact);
    String last = c.preview();
    if (!c.running()) {
      last = "no conversation yet";
    } else if (last.isEmpty()) {
      last = "say hello";
    }
    preview.setText(last.length() > 60 ? last.substring(0, 60) + "…" : last);
    int unread = c.unreadCount();
    badge.setCount(unread);
    name.setForeground(list.getForeground());
    preview.setForeground(Palette.muted());
    setBackground(isSelected ? Palette.selection() : Palette.sidebarBackground());
    setOpaque(true);
    setToolTipText(unread > 0 ? unread + " unread" : null);
    return this;
  }

  @Override
  public Dimension getPreferredSize() {
    Dimension d = super.getPreferredSize();
    return new Dimension(Math.min(d.width, 260), d.height);
  }

  /** The unread count in a pill; nothing when zero. */
  private final class Badge extends JLabel {
    Badge() {
      setHorizontalAlignment(SwingConstants.CENTER);
      putClientProperty("FlatLaf.style", "font: bold -1");
      setForeground(Color.WHITE);
    }

    void setCount(int n) {
      setText(n == 0 ? "" : n > 99 ? "99+" : Integer.toString(n));
      setVisible(n > 0);
    }

    @Override
    public Dimension getPreferredSize() {
      Dimension d = super.getPreferredSize();
      int h = d.height + 4;
      return new Dimension(Math.max(h, d.width + 12), h);
    }

    @Override
    protected void paintComponent(Graphics g) {
      Graphics2D g2 = (Graphics2D) g.create();
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      Dimension d = getPreferredSize();
      int y = (getHeight() - d.height) / 2;
      g2.setColor(Palette.accent());
      g2.fillRoundRect(0, y, getWidth(), d.height, d.height, d.height);
      g2.dispose();
      super.paintComponent(g);
    }
  }
}
