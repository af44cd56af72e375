package org.sotto.client.gui;

import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import javax.swing.JTextField;

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

    FormColumn form = FormColumn.padded(18, 20, 8, 20);
    JLabel intro = new JLabel(Html.wrapped("Sotto looks the username up in your cluster's "
        + "directory and sends them an invitation in the next dialing round. Your conversation "
        + "starts when they accept.", 330));
    form.row(intro, 14);
    form.row(new JLabel("Username"), 4);
    form.row(username, 12);
    form.row(error, 4);
    form.row(progress, 0);

    form.finish(this, owner, ok, cancel, ok);
    setResizable(false);
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
