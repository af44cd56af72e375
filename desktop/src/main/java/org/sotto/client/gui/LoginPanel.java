package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridBagLayout;
import java.awt.GridLayout;
import java.util.Arrays;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.event.DocumentListener;
import org.sotto.client.account.PasswordPolicy;

/**
 * The first screen: create an account or log in, on the data folder's cluster. Checks what it can
 * before anything leaves the machine (the password policy, the repeated password) and shows the
 * client's own words for what the directory refused.
 */
final class LoginPanel extends JPanel {
  /** What the screen asks the application to do. */
  interface Actions {
    void submit(boolean register, String username, char[] password);

    void openSettings();
  }

  private final PasswordPolicy policy = PasswordPolicy.standard();
  private final Actions actions;
  private final JToggleButton registerMode = new JToggleButton("Create account");
  private final JToggleButton loginMode = new JToggleButton("Log in");
  private final JTextField username = new JTextField(22);
  private final JPasswordField password = new JPasswordField(22);
  private final JPasswordField repeat = new JPasswordField(22);
  private final JLabel repeatLabel = new JLabel("Repeat the password");
  private final PasswordMeter meter = new PasswordMeter();
  private final JLabel error = new JLabel(" ");
  private final JButton problemAction = new JButton();
  private final JButton submit = new JButton("Create account");
  private final JProgressBar progress = new JProgressBar();
  private final JLabel busy = new JLabel(" ");
  private final JLabel cluster = new JLabel(" ");
  private Runnable onProblemAction;
  private boolean formEnabled = true;

  LoginPanel(Actions actions) {
    super(new GridBagLayout());
    this.actions = actions;
    setName("login");

    JPanel card = new RoundedPanel(new GridBagLayout(), Palette::card, 18);
    card.setName("login.card");
    card.setBorder(BorderFactory.createEmptyBorder(28, 32, 24, 32));

    JLabel title = new JLabel("Sotto");
    title.putClientProperty("FlatLaf.styleClass", "h00");
    JLabel subtitle = new JLabel("Private messages that hide who talks to whom.");
    subtitle.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");

    ButtonGroup modes = new ButtonGroup();
    modes.add(registerMode);
    modes.add(loginMode);
    registerMode.setSelected(true);
    registerMode.putClientProperty("JButton.buttonType", "tab");
    loginMode.putClientProperty("JButton.buttonType", "tab");
    registerMode.setName("login.mode.register");
    loginMode.setName("login.mode.login");
    registerMode.addActionListener(e -> modeChanged());
    loginMode.addActionListener(e -> modeChanged());
    JPanel modeRow = new JPanel(new GridLayout(1, 2, 6, 0));
    modeRow.setOpaque(false);
    modeRow.add(registerMode);
    modeRow.add(loginMode);

    username.setName("login.username");
    password.setName("login.password");
    repeat.setName("login.repeat");
    username.putClientProperty("JTextField.placeholderText", "letters, digits, . _ -");
    password.putClientProperty("JPasswordField.showRevealButton", true);
    repeat.putClientProperty("JPasswordField.showRevealButton", true);
    DocumentListener typing = TextChanges.run(this::typed);
    username.getDocument().addDocumentListener(typing);
    password.getDocument().addDocumentListener(typing);
    repeat.getDocument().addDocumentListener(typing);
    username.addActionListener(e -> password.requestFocusInWindow());
    password.addActionListener(e -> {
      if (registerMode.isSelected()) {
        repeat.requestFocusInWindow();
      } else {
        submit();
      }
    });
    repeat.addActionListener(e -> submit());

    error.setName("login.error");
    error.setForeground(Palette.error());
    problemAction.setName("login.problemAction");
    problemAction.setVisible(false);
    problemAction.addActionListener(e -> {
      if (onProblemAction != null) {
        onProblemAction.run();
      }
    });

    submit.setName("login.submit");
    Styles.primary(submit);
    submit.addActionListener(e -> submit());

    progress.setIndeterminate(true);
    progress.setVisible(false);
    progress.setPreferredSize(new Dimension(80, 4));
    busy.setName("login.busy");
    busy.putClientProperty("FlatLaf.styleClass", "small");

    cluster.setName("login.cluster");
    cluster.putClientProperty("FlatLaf.styleClass", "small");
    cluster.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    JButton settings = new JButton("Settings…");
    settings.setName("login.settings");
    settings.putClientProperty("JButton.buttonType", "borderless");
    settings.putClientProperty("FlatLaf.styleClass", "small");
    settings.addActionListener(e -> actions.openSettings());
    JPanel footer = new JPanel(new BorderLayout(8, 0));
    footer.setOpaque(false);
    footer.add(cluster, BorderLayout.CENTER);
    footer.add(settings, BorderLayout.EAST);

    FormColumn form = new FormColumn(card);
    form.row(title, 0);
    form.row(subtitle, 18);
    form.row(modeRow, 16);
    form.row(new JLabel("Username"), 4);
    form.row(username, 12);
    form.row(new JLabel("Password"), 4);
    form.row(password, 6);
    form.row(meter, 10);
    form.row(repeatLabel, 4);
    form.row(repeat, 12);
    form.row(error, 4);
    form.narrowRow(problemAction, 8);
    form.row(submit, 8);
    JPanel busyRow = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    busyRow.setOpaque(false);
    busyRow.add(progress);
    busyRow.add(javax.swing.Box.createHorizontalStrut(8));
    busyRow.add(busy);
    form.row(busyRow, 14);
    form.row(footer, 0);
    card.setPreferredSize(new Dimension(420, card.getPreferredSize().height));

    add(card);
    modeChanged();
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (error != null) {
      error.setForeground(Palette.error());
    }
  }

  @Override
  protected void paintComponent(java.awt.Graphics g) {
    g.setColor(Palette.backdrop());
    g.fillRect(0, 0, getWidth(), getHeight());
  }

  // ---- what the application tells the screen -------------------------------------------------

  void setCluster(String text) {
    cluster.setText(text);
  }

  /** Shows a task under way (null when done); the form is disabled meanwhile. */
  void setBusy(String task) {
    boolean on = task != null;
    progress.setVisible(on);
    busy.setText(on ? task : " ");
    setFormEnabled(!on);
  }

  void setFormEnabled(boolean enabled) {
    formEnabled = enabled;
    for (JComponent c : new JComponent[] {registerMode, loginMode, username, password, repeat,
        submit}) {
      c.setEnabled(enabled);
    }
  }

  void showError(String message) {
    showError(message, null, null);
  }

  /** Shows what went wrong, with a button that fixes it when there is one. */
  void showError(String message, String actionLabel, Runnable action) {
    error.setText(message == null || message.isEmpty() ? " " : Html.wrapped(message, 340));
    onProblemAction = action;
    problemAction.setText(actionLabel == null ? "" : actionLabel);
    problemAction.setVisible(action != null);
    revalidate();
  }

  void clearPasswords() {
    password.setText("");
    repeat.setText("");
  }

  void focusUsername() {
    SwingUtilities.invokeLater(username::requestFocusInWindow);
  }

  JButton submitButton() {
    return submit;
  }

  // ---- the form ---------------------------------------------------------------------------

  private boolean registering() {
    return registerMode.isSelected();
  }

  private void modeChanged() {
    boolean reg = registering();
    meter.setVisible(reg);
    repeat.setVisible(reg);
    repeatLabel.setVisible(reg);
    submit.setText(reg ? "Create account" : "Log in");
    showError(null);
    typed();
    revalidate();
    repaint();
  }

  private void typed() {
    if (registering()) {
      meter.show(PasswordStrength.of(policy, username.getText().strip(), password.getPassword()));
    }
  }

  private void submit() {
    if (!formEnabled) {
      return;
    }
    String name = username.getText().strip();
    char[] pw = password.getPassword();
    if (name.isEmpty()) {
      showError("Type a username.");
      username.requestFocusInWindow();
      return;
    }
    if (pw.length == 0) {
      showError("Type your password.");
      password.requestFocusInWindow();
      return;
    }
    if (registering()) {
      PasswordStrength s = PasswordStrength.of(policy, name, pw);
      if (!s.acceptable()) {
        showError("Choose a stronger password: " + s.advice());
        password.requestFocusInWindow();
        return;
      }
      char[] again = repeat.getPassword();
      boolean same = Arrays.equals(pw, again);
      Arrays.fill(again, '\0');
      if (!same) {
        showError("The two passwords differ; type the same password twice.");
        repeat.requestFocusInWindow();
        return;
      }
    }
    showError(null);
    actions.submit(registering(), name, pw);
  }
}
