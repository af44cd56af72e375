package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagLayout;
import java.nio.charset.StandardCharsets;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingConstants;
import org.sotto.client.ContactInfo;
import org.sotto.core.wire.WireSizes;

/**
 * The conversation with one contact: a header (who, the disappearing-message timer, the safety
 * number), the messages, and a line to write in. With no contact selected it says what to do.
 */
final class ConversationPanel extends JPanel implements SessionModel.Listener {
  private static final String EMPTY = "empty";
  private static final String CHAT = "chat";

  private final SessionController controller;
  private final CardLayout cards = new CardLayout();
  private final JLabel avatar = new JLabel();
  private final JLabel name = new JLabel();
  private final JLabel subtitle = new JLabel();
  private final JComboBox<DisappearingTimer> timer = new JComboBox<>(DisappearingTimer.values());
  private final JButton safety = new JButton("Safety number");
  private final JPanel banner = new JPanel(new BorderLayout(12, 0));
  private final JLabel bannerText = new JLabel();
  private final JButton invite = new JButton("Invite");
  private final MessageListPanel messages = new MessageListPanel();
  private final JTextField input = new JTextField();
  private final JLabel counter = new JLabel();
  private final JButton send = new JButton("Send");
  private final JLabel sendError = new JLabel();
  private final JLabel emptyText = new JLabel();
  private String peer;
  private boolean updatingTimer;

  ConversationPanel(SessionController controller) {
    this.controller = controller;
    setLayout(cards);
    setName("conversation");
    add(emptyState(), EMPTY);
    add(chat(), CHAT);
    cards.show(this, EMPTY);
    controller.model().addListener(this);
    refreshEmpty();
  }

  private JPanel emptyState() {
    JPanel p = new JPanel(new GridBagLayout()) {
      @Override
      protected void paintComponent(java.awt.Graphics g) {
        g.setColor(Palette.chatBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
      }
    };
    emptyText.setName("conversation.empty");
    emptyText.setHorizontalAlignment(SwingConstants.CENTER);
    emptyText.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    p.add(emptyText);
    return p;
  }

  private JPanel chat() {
    JPanel header = new JPanel(new BorderLayout(12, 0));
    header.setName("conversation.header");
    header.setBorder(LineBorder.below(10, 16, 10, 12));
    name.setName("conversation.peer");
    name.putClientProperty("FlatLaf.styleClass", "h3");
    subtitle.setName("conversation.subtitle");
    subtitle.putClientProperty("FlatLaf.styleClass", "small");
    subtitle.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    JPanel who = new JPanel();
    who.setOpaque(false);
    who.setLayout(new BoxLayout(who, BoxLayout.Y_AXIS));
    who.add(name);
    who.add(subtitle);
    header.add(avatar, BorderLayout.WEST);
    header.add(who, BorderLayout.CENTER);

    timer.setName("conversation.timer");
    timer.setToolTipText("Disappearing messages: how long this conversation keeps what was "
        + "read or delivered");
    timer.addActionListener(e -> {
      if (!updatingTimer && peer != null && timer.getSelectedItem() instanceof DisappearingTimer t
          && t != controller.model().conversation(peer).timer()) {
        controller.setTimer(peer, t);
      }
    });
    safety.setName("conversation.safety");
    safety.setToolTipText("Compare this number with your contact to be sure nobody is in between");
    safety.addActionListener(e -> showSafetyNumber());
    JPanel tools = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    tools.setOpaque(false);
    JLabel timerIcon = new JLabel(new TimerIcon(16));
    timerIcon.setToolTipText(timer.getToolTipText());
    tools.add(timerIcon);
    tools.add(timer);
    tools.add(safety);
    JPanel toolsBox = new JPanel(new GridBagLayout());
    toolsBox.setOpaque(false);
    toolsBox.add(tools);
    header.add(toolsBox, BorderLayout.EAST);

    banner.setName("conversation.banner");
    banner.setBorder(BorderFactory.createEmptyBorder(8, 16, 8, 16));
    bannerText.setName("conversation.banner.text");
    invite.setName("conversation.invite");
    invite.addActionListener(e -> {
      if (peer != null) {
        invite.setEnabled(false);
        controller.invite(peer);
      }
    });
    banner.add(bannerText, BorderLayout.CENTER);
    banner.add(invite, BorderLayout.EAST);

    JPanel top = new JPanel(new BorderLayout());
    top.add(header, BorderLayout.NORTH);
    top.add(banner, BorderLayout.SOUTH);

    JScrollPane scroll = new JScrollPane(messages);
    scroll.setName("conversation.scroll");
    scroll.setBorder(BorderFactory.createEmptyBorder());
    scroll.getVerticalScrollBar().setUnitIncrement(24);

    input.setName("composer.text");
    input.putClientProperty("JTextField.placeholderText", "Write a message");
    input.putClientProperty("FlatLaf.style", "font: +1; margin: 6,10,6,10");
    input.addActionListener(e -> send());
    input.getDocument().addDocumentListener(TextChanges.run(this::count));
    counter.setName("composer.count");
    counter.putClientProperty("FlatLaf.styleClass", "small");
    send.setName("composer.send");
    Styles.primary(send);
    send.addActionListener(e -> send());
    sendError.setName("composer.error");
    sendError.putClientProperty("FlatLaf.styleClass", "small");
    JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    right.setOpaque(false);
    right.add(counter);
    right.add(send);
    JPanel composer = new JPanel(new BorderLayout(8, 4));
    composer.setName("composer");
    composer.setBorder(LineBorder.above(10, 16, 10, 12));
    composer.add(input, BorderLayout.CENTER);
    composer.add(right, BorderLayout.EAST);
    composer.add(sendError, BorderLayout.SOUTH);

    JPanel chat = new JPanel(new BorderLayout());
    chat.add(top, BorderLayout.NORTH);
    chat.add(scroll, BorderLayout.CENTER);
    chat.add(composer, BorderLayout.SOUTH);
    count();
    return chat;
  }

  /** Shows {@code contact}'s conversation; null for none. */
  void showPeer(String contact) {
    peer = contact;
    sendError.setText("");
    if (contact == null) {
      refreshEmpty();
      cards.show(this, EMPTY);
      return;
    }
    cards.show(this, CHAT);
    avatar.setIcon(new Avatar(contact, 36));
    name.setText(contact);
    refreshHeader();
    messages.show(controller.model().conversation(contact).items(), true);
    input.requestFocusInWindow();
  }

  String peer() {
    return peer;
  }

  @Override
  public void conversationChanged(String changed) {
    if (changed.equals(peer)) {
      refreshHeader();
      messages.show(controller.model().conversation(peer).items(), false);
    }
  }

  @Override
  public void contactsChanged() {
    if (peer != null) {
      refreshHeader();
    } else {
      refreshEmpty();
    }
  }

  @Override
  public void invitationsChanged() {
    if (peer == null) {
      refreshEmpty();
    }
  }

  private void refreshEmpty() {
    boolean none = controller.model().contactNames().isEmpty();
    boolean invited = !controller.model().invitations().isEmpty();
    emptyText.setText(Html.wrapped(none && invited
        ? "Someone wants to talk with you: accept their invitation on the left, or choose "
            + "“Add contact” to invite a friend by their Sotto username."
        : none
        ? "No contacts yet. Choose “Add contact” and type a friend’s Sotto username: they get "
            + "an invitation, and your conversation starts when they accept."
        : "Choose a contact on the left to see your conversation.", 320));
  }

  private void refreshHeader() {
    ConversationModel c = controller.model().conversation(peer);
    ContactInfo info = controller.model().contact(peer);
    boolean running = c.running();
    subtitle.setText(running ? "End-to-end encrypted" : "Not talking yet");
    subtitle.setToolTipText(running ? "Sealed end to end, and sent in every round's cover "
        + "traffic, so nobody watching the network can tell when, or with whom, you talk" : null);
    updatingTimer = true;
    timer.setSelectedItem(c.timer());
    updatingTimer = false;
    timer.setEnabled(running);
    safety.setEnabled(info != null);
    banner.setVisible(!running);
    invite.setEnabled(true);
    bannerText.setText("You and " + peer + " have no conversation yet. Invite them; it starts "
        + "when they accept.");
    input.setEnabled(running);
    count();
  }

  private void count() {
    int bytes = input.getText().getBytes(StandardCharsets.UTF_8).length;
    counter.setText(bytes + " / " + WireSizes.MESSAGE_BODY);
    boolean tooLong = bytes > WireSizes.MESSAGE_BODY;
    counter.setForeground(tooLong ? Palette.error() : Palette.muted());
    send.setEnabled(input.isEnabled() && bytes > 0 && !tooLong);
  }

  private void send() {
    String text = input.getText().strip();
    if (peer == null || text.isEmpty() || !send.isEnabled()) {
      return;
    }
    String to = peer;
    sendError.setText("");
    input.setText("");
    controller.send(to, text, problem -> {
      if (to.equals(peer)) {
        sendError.setForeground(Palette.error());
        sendError.setText("Not sent: " + problem);
        input.setText(text);
      }
    });
  }

  private void showSafetyNumber() {
    ContactInfo info = controller.model().contact(peer);
    if (info == null) {
      return;
    }
    JTextArea digits = new JTextArea(info.safetyNumber());
    digits.setName("safety.digits");
    digits.setEditable(false);
    digits.setOpaque(false);
    digits.setFont(new Font(Font.MONOSPACED, Font.BOLD, 18));
    JPanel panel = new JPanel(new BorderLayout(0, 12));
    panel.add(new JLabel(Html.wrapped("Read these 60 digits to " + peer + " in person or on a "
        + "call. If theirs are the same, nobody stands between you. If they differ, the "
        + "directory handed one of you someone else's keys: stop and find out why.", 360)),
        BorderLayout.NORTH);
    panel.add(digits, BorderLayout.CENTER);
    panel.add(Box.createVerticalStrut(4), BorderLayout.SOUTH);
    JOptionPane.showMessageDialog(this, panel, "Safety number with " + peer,
        JOptionPane.PLAIN_MESSAGE);
  }
}
