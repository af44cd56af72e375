package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.Window;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.SwingUtilities;

/**
 * The window once logged in: contacts and invitations on the left, the conversation on the
 * right, the status bar below.
 */
final class MainPanel extends JPanel {
  private final SessionController controller;
  private final ContactListPanel contacts;
  private final ConversationPanel conversation;
  private final Runnable openSettings;

  MainPanel(SessionController controller, Runnable openSettings) {
    super(new BorderLayout());
    this.controller = controller;
    this.openSettings = openSettings;
    setName("main");
    conversation = new ConversationPanel(controller);
    contacts = new ContactListPanel(controller.model(), this::selected);

    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, sidebar(), conversation);
    split.setName("main.split");
    split.setDividerLocation(280);
    split.setResizeWeight(0);
    split.setBorder(BorderFactory.createEmptyBorder());
    split.setContinuousLayout(true);
    add(split, BorderLayout.CENTER);
    add(new StatusBar(controller.model(), System::currentTimeMillis), BorderLayout.SOUTH);
  }

  private JPanel sidebar() {
    JPanel side = new JPanel(new BorderLayout()) {
      @Override
      protected void paintComponent(Graphics g) {
        g.setColor(Palette.sidebarBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
      }
    };
    side.setName("sidebar");
    side.setMinimumSize(new Dimension(220, 200));

    JLabel me = new JLabel(controller.model().username());
    me.setName("sidebar.user");
    me.setIcon(new Avatar(controller.model().username(), 30));
    me.setIconTextGap(10);
    me.putClientProperty("FlatLaf.style", "font: bold +2");
    JButton settings = new JButton("⚙");
    settings.setName("sidebar.settings");
    settings.setToolTipText("Settings: theme, data folder, cluster");
    settings.putClientProperty("JButton.buttonType", "toolBarButton");
    settings.putClientProperty("FlatLaf.style", "font: +4");
    settings.addActionListener(e -> openSettings.run());
    JPanel header = new JPanel(new BorderLayout(8, 0));
    header.setOpaque(false);
    header.setBorder(BorderFactory.createEmptyBorder(12, 14, 8, 8));
    header.add(me, BorderLayout.CENTER);
    header.add(settings, BorderLayout.EAST);

    JButton add = new JButton("+  Add contact");
    add.setName("sidebar.addContact");
    add.putClientProperty("FlatLaf.style", "font: bold");
    add.addActionListener(e -> addContact());
    JPanel addRow = new JPanel(new GridLayout(1, 1));
    addRow.setOpaque(false);
    addRow.setBorder(BorderFactory.createEmptyBorder(2, 12, 8, 12));
    addRow.add(add);

    JPanel top = new JPanel();
    top.setOpaque(false);
    top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
    header.setAlignmentX(LEFT_ALIGNMENT);
    addRow.setAlignmentX(LEFT_ALIGNMENT);
    top.add(header);
    top.add(addRow);
    InvitationsPanel invitations = new InvitationsPanel(controller, this::showContact);
    invitations.setAlignmentX(LEFT_ALIGNMENT);
    top.add(invitations);
    JLabel title = new JLabel("CONTACTS");
    title.putClientProperty("FlatLaf.style",
        "font: bold -2; foreground: $Label.disabledForeground");
    title.setBorder(BorderFactory.createEmptyBorder(10, 14, 4, 14));
    title.setAlignmentX(LEFT_ALIGNMENT);
    top.add(title);

    side.setBorder(LineBorder.right(0, 0, 0, 0));
    side.add(top, BorderLayout.NORTH);
    side.add(contacts, BorderLayout.CENTER);
    return side;
  }

  /** Opens the add-contact dialog; the new contact's conversation is shown when it closes. */
  void addContact() {
    Window owner = SwingUtilities.getWindowAncestor(this);
    new AddContactDialog(owner, controller, this::showContact).setVisible(true);
  }

  void showContact(String contact) {
    contacts.select(contact);
    selected(contact);
  }

  private void selected(String contact) {
    if (contact == null && conversation.peer() != null
        && controller.model().contact(conversation.peer()) != null) {
      return;
    }
    controller.select(contact);
    if (contact == null || !contact.equals(conversation.peer())) {
      conversation.showPeer(contact);
    }
  }
}
