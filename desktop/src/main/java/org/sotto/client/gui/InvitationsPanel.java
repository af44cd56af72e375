package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.sotto.client.dialing.Invitation;

/**
 * Invitations waiting for an answer, above the contacts: who asks to talk, Accept, Decline.
 * Declining sends nothing, so the caller cannot tell it from an invitation never seen.
 */
final class InvitationsPanel extends JPanel implements SessionModel.Listener {
  private final SessionController controller;
  private final java.util.function.Consumer<String> accepted;

  InvitationsPanel(SessionController controller, java.util.function.Consumer<String> accepted) {
    this.controller = controller;
    this.accepted = accepted;
    setName("invitations");
    setOpaque(false);
    setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
    controller.model().addListener(this);
    refresh();
  }

  @Override
  public void invitationsChanged() {
    refresh();
  }

  private void refresh() {
    removeAll();
    var invitations = controller.model().invitations();
    setVisible(!invitations.isEmpty());
    if (!invitations.isEmpty()) {
      JLabel title = new JLabel("INVITATIONS");
      title.setName("invitations.title");
      title.putClientProperty("FlatLaf.style", "font: bold -2; foreground: $Label.disabledForeground");
      title.setBorder(BorderFactory.createEmptyBorder(10, 14, 4, 14));
      title.setAlignmentX(LEFT_ALIGNMENT);
      add(title);
      for (Invitation inv : invitations) {
        add(row(inv));
      }
    }
    revalidate();
    repaint();
  }

  private JPanel row(Invitation inv) {
    String caller = inv.caller().username();
    JPanel row = new RoundedPanel(new BorderLayout(10, 4), Palette::raised, 14);
    row.setName("invitation." + caller);
    row.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
    JLabel who = new JLabel(Html.wrapped(caller + " wants to talk with you", 150));
    who.setIcon(new Avatar(caller, 30));
    who.setIconTextGap(10);
    who.putClientProperty("FlatLaf.style", "font: bold");
    JButton accept = new JButton("Accept");
    accept.setName("invitation.accept." + caller);
    Styles.primary(accept);
    JButton decline = new JButton("Decline");
    decline.setName("invitation.decline." + caller);
    accept.addActionListener(e -> {
      accept.setEnabled(false);
      decline.setEnabled(false);
      controller.accept(inv, accepted);
    });
    decline.addActionListener(e -> {
      accept.setEnabled(false);
      decline.setEnabled(false);
      controller.decline(inv);
    });
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
    buttons.setOpaque(false);
    buttons.add(decline);
    buttons.add(accept);
    row.add(who, BorderLayout.CENTER);
    row.add(buttons, BorderLayout.SOUTH);
    JPanel outer = new JPanel(new BorderLayout());
    outer.setOpaque(false);
    outer.setBorder(BorderFactory.createEmptyBorder(4, 10, 4, 10));
    outer.add(row);
    outer.setAlignmentX(LEFT_ALIGNMENT);
    outer.setMaximumSize(new java.awt.Dimension(Integer.MAX_VALUE,
        outer.getPreferredSize().height));
    return outer;
  }
}
