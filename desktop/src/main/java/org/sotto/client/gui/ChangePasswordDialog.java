package org.sotto.client.gui;

import java.awt.Window;
import java.util.Arrays;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import org.sotto.client.account.PasswordPolicy;

/**
 * Changing the password: the current one, the new one twice with the same strength meter as
 * registration. What can be checked here (strength, the two new ones equal) is checked before
 * anything is stretched; the directory checks the current one. The stretching (two Argon2id runs)
 * happens off the event dispatch thread, with the form disabled meanwhile.
 */
final class ChangePasswordDialog extends JDialog {
  /** Where the change is made: off the EDT, then {@code done} or {@code failed} on it. */
  interface Changer {
    void change(char[] current, char[] next, Runnable done,
        java.util.function.Consumer<Throwable> failed);
  }

  private final String username;
  private final Changer changer;
  private final Runnable changed;
  private final PasswordPolicy policy = PasswordPolicy.standard();
  private final JPasswordField current = new JPasswordField(22);
  private final JPasswordField next = new JPasswordField(22);
  private final JPasswordField repeat = new JPasswordField(22);
  private final PasswordMeter meter = new PasswordMeter();
  private final JLabel error = new JLabel(" ");
  private final JButton ok = new JButton("Change password");
  private final JButton cancel = new JButton("Cancel");

  /** @param changed runs on the EDT once the directory has the new password */
  ChangePasswordDialog(Window owner, String username, Changer changer, Runnable changed) {
    super(owner, "Change password", ModalityType.DOCUMENT_MODAL);
    this.username = username;
    this.changer = changer;
    this.changed = changed;
    setName("changePassword");
    current.setName("changePassword.current");
    next.setName("changePassword.new");
    repeat.setName("changePassword.repeat");
    error.setName("changePassword.error");
    error.setForeground(Palette.error());
    ok.setName("changePassword.ok");
    cancel.setName("changePassword.cancel");
    next.getDocument().addDocumentListener(TextChanges.run(() -> meter.show(
        PasswordStrength.of(policy, username, next.getPassword()))));
    ok.addActionListener(e -> submit());
    cancel.addActionListener(e -> dispose());

    FormColumn form = FormColumn.padded(18, 22, 6, 22);
    form.row(new JLabel("Current password"), 4);
    form.row(current, 12);
    form.row(new JLabel("New password"), 4);
    form.row(next, 4);
    form.row(meter, 10);
    form.row(new JLabel("Repeat the new password"), 4);
    form.row(repeat, 10);
    form.row(error, 4);
    form.finish(this, owner, ok, cancel, ok);
  }

  private void submit() {
    char[] now = current.getPassword();
    char[] wanted = next.getPassword();
    char[] again = repeat.getPassword();
    PasswordStrength strength = PasswordStrength.of(policy, username, wanted);
    String problem = now.length == 0 ? "Type your current password."
        : !strength.acceptable() ? "Choose a stronger new password: " + strength.advice()
        : !Arrays.equals(wanted, again) ? "The two new passwords differ; type the same one twice."
        : null;
    Arrays.fill(again, '\0');
    if (problem != null) {
      Arrays.fill(now, '\0');
      Arrays.fill(wanted, '\0');
      error.setText(Html.wrapped(problem, 300));
      pack();
      return;
    }
    setBusy(true);
    changer.change(now, wanted, () -> {
      dispose();
      changed.run();
    }, e -> {
      setBusy(false);
      error.setText(Html.wrapped(ClientSession.describe(e), 300));
      pack();
    });
  }

  private void setBusy(boolean busy) {
    for (JComponent c : new JComponent[] {current, next, repeat, ok, cancel}) {
      c.setEnabled(!busy);
    }
    ok.setText(busy ? "Changing… (stretching both passwords)" : "Change password");
    error.setText(" ");
  }
}
