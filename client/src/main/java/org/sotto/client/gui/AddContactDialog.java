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
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import javax.swing.KeyStroke;

/** Adds a contact by username and invites them in the next dialing round. */
final class AddContactDialog extends JDialog {
  private final SessionController controller;
  private final java.util.function.Consumer<String> added;
  private final JTextField username = new JTextField(20);
  private final JLabel error = new JLabel(" ");
  private final JButton ok = new JButton("Add and invite");
  private final JButton cancel = new JButton("Cancel");
  private final JProgressBar progress = new JProgressBar();

  AddContactDialog(Window owner, SessionController controller,
      java.util.function.Consumer<String> added) {
    super(owner, "Add contact", ModalityType.DOCUMENT_MODAL);
    this.controller = controller;
    this.added = added;
    setName("addContact");
    username.setName("addContact.username");
    username.putClientProperty("JTextField.placeholderText", "their Sotto username");
    error.setName("addContact.error");
    ok.setName("addContact.ok");
    cancel.setName("addContact.cancel");
    Styles.primary(ok);
    ok.addActionListener(e -> submit());
    cancel.addActionListener(e -> dispose());
    username.addActionListener(e -> submit());
    progress.setIndeterminate(true);
    progress.setVisible(false);

    JPanel form = new JPanel(new GridBagLayout());
    form.setBorder(BorderFactory.createEmptyBorder(18, 20, 8, 20));
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = 0;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    c.anchor = GridBagConstraints.WEST;
    JLabel intro = new JLabel(Html.wrapped("Sotto looks the username up in your cluster's "
        + "directory and sends them an invitation in the next dialing round. Your conversation "
        + "starts when they accept.", 330));
    row(form, intro, c, 14);
    row(form, new JLabel("Username"), c, 4);
    row(form, username, c, 12);
    row(form, error, c, 4);
    row(form, progress, c, 0);

    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    buttons.setBorder(BorderFactory.createEmptyBorder(6, 20, 16, 14));
    buttons.add(cancel);
    buttons.add(ok);
    getContentPane().setLayout(new BorderLayout());
    getContentPane().add(form, BorderLayout.CENTER);
    getContentPane().add(buttons, BorderLayout.SOUTH);
    getRootPane().setDefaultButton(ok);
    getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke("ESCAPE"),
        JComponent.WHEN_IN_FOCUSED_WINDOW);
    pack();
    setResizable(false);
    setLocationRelativeTo(owner);
  }

  private static void row(JPanel form, JComponent comp, GridBagConstraints c, int below) {
    c.gridy = form.getComponentCount();
    c.insets = new Insets(0, 0, below, 0);
    form.add(comp, c);
  }

  private void submit() {
    String name = username.getText().strip();
    if (name.isEmpty()) {
      showError("Type their username.");
      return;
    }
    busy(true);
    showError(" ");
    controller.addContact(name, peer -> {
      dispose();
      added.accept(peer);
    }, problem -> {
      busy(false);
      showError(problem);
    });
  }

  private void busy(boolean on) {
    progress.setVisible(on);
    ok.setEnabled(!on);
    username.setEnabled(!on);
    pack();
  }

  private void showError(String message) {
    error.setForeground(Palette.error());
    error.setText(message.isBlank() ? " " : Html.wrapped(message, 330));
    pack();
  }
}
