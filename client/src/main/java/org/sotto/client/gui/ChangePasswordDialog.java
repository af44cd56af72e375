package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.util.Arrays;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.KeyStroke;
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

    JPanel form = new JPanel(new GridBagLayout());
    form.setBorder(BorderFactory.createEmptyBorder(18, 22, 6, 22));
    GridBagConstraints c = new GridBagConstraints();
    c.gridx = 0;
    c.weightx = 1;
    c.fill = GridBagConstraints.HORIZONTAL;
    row(form, new JLabel("Current password"), c, 4);
    row(form, current, c, 12);
    row(form, new JLabel("New password"), c, 4);
    row(form, next, c, 4);
    row(form, meter, c, 10);
    row(form, new JLabel("Repeat the new password"), c, 4);
    row(form, repeat, c, 10);
    row(form, error, c, 4);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
    buttons.setBorder(BorderFactory.createEmptyBorder(6, 20, 16, 16));
    buttons.add(cancel);
    buttons.add(ok);
    getContentPane().setLayout(new BorderLayout());
    getContentPane().add(form, BorderLayout.CENTER);
    getContentPane().add(buttons, BorderLayout.SOUTH);
    getRootPane().setDefaultButton(ok);
    getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke("ESCAPE"),
        JComponent.WHEN_IN_FOCUSED_WINDOW);
    pack();
    setLocationRelativeTo(owner);
  }

  private static void row(JPanel form, JComponent comp, GridBagConstraints c, int below) {
    c.gridy = form.getComponentCount();
    c.insets = new Insets(0, 0, below, 0);
    form.add(comp, c);
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
