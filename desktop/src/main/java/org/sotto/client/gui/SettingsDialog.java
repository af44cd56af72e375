package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.StringSelection;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSeparator;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * Settings: the theme (applied at once and remembered), the account's password, the data folder
 * (switching reopens the client on the other folder), and the cluster descriptor with its
 * fingerprint, which the user compares with what the operators published.
 */
final class SettingsDialog extends JDialog {
  /** What the dialog shows and changes. */
  interface Host {
    Theme theme();

    void setTheme(Theme theme);

    Path dataDir();

    void changeDataDir(Path dir);

    /** The pinned descriptor; null when none is pinned yet. */
    ClusterDescriptor descriptor();

    /** Its SHA-256 fingerprint in hex; "" when none is pinned. */
    String fingerprint();

    /** Pins {@code file} instead (the user has compared its fingerprint). */
    void useDescriptor(Path file);

    /** The account this data folder is logged in as; empty before login. */
    java.util.Optional<String> account();

    /** Changes the account's password off the EDT; {@code done} or {@code failed} on it. */
    void changePassword(char[] current, char[] next, Runnable done,
        java.util.function.Consumer<Throwable> failed);
  }

  private final Host host;

  SettingsDialog(Window owner, Host host) {
    super(owner, "Settings", ModalityType.DOCUMENT_MODAL);
    this.host = host;
    setName("settings");
    FormColumn form = FormColumn.padded(18, 22, 10, 22);

    form.row(heading("Appearance"), 6);
    JPanel themes = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    ButtonGroup group = new ButtonGroup();
    for (Theme t : Theme.values()) {
      JRadioButton b = new JRadioButton(t.label());
      b.setName("settings.theme." + t.name().toLowerCase(java.util.Locale.ROOT));
      b.setSelected(t == host.theme());
      b.addActionListener(e -> host.setTheme(t));
      group.add(b);
      themes.add(b);
      themes.add(javax.swing.Box.createHorizontalStrut(14));
    }
    form.row(themes, 16);
    form.row(new JSeparator(), 12);

    host.account().ifPresent(name -> {
      form.row(heading("Account"), 4);
      JLabel status = new JLabel(Html.wrapped("Logged in as " + name + ". Changing the password "
          + "keeps your keys, contacts and conversations, and ends your other sessions.", 430));
      status.setName("settings.account");
      status.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
      form.row(status, 6);
      JButton change = new JButton("Change password…");
      change.setName("settings.changePassword");
      change.addActionListener(e -> new ChangePasswordDialog(this, name, host::changePassword,
          () -> status.setText("Password changed. Log in with the new one from now on; "
              + "other sessions were ended.")).setVisible(true));
      JPanel accountRow = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
      accountRow.add(change);
      form.row(accountRow, 16);
      form.row(new JSeparator(), 12);
    });

    form.row(heading("Data folder"), 4);
    form.row(muted("Your keys, contacts, messages and the pinned cluster. One account per "
        + "folder."), 6);
    JLabel dir = new JLabel(host.dataDir().toString());
    dir.setName("settings.dataDir");
    JButton changeDir = new JButton("Change…");
    changeDir.setName("settings.changeDataDir");
    changeDir.addActionListener(e -> chooseDataDir());
    JPanel dirRow = new JPanel(new BorderLayout(12, 0));
    dirRow.add(dir, BorderLayout.CENTER);
    dirRow.add(changeDir, BorderLayout.EAST);
    form.row(dirRow, 16);
    form.row(new JSeparator(), 12);

    form.row(heading("Cluster"), 4);
    ClusterDescriptor d = host.descriptor();
    JLabel cluster = new JLabel(d == null ? "No cluster pinned yet."
        : "“" + d.name() + "” · coordinator " + d.coordinator() + " · " + d.mixes().size()
            + " mix nodes · a round every " + String.format(java.util.Locale.ROOT, "%.1f s",
                d.roundIntervalMs() / 1000.0));
    cluster.setName("settings.cluster");
    form.row(cluster, 8);
    form.row(muted("Descriptor fingerprint (SHA-256). Compare it with the one your operators "
        + "published: if they differ, you are not talking to their cluster."), 6);
    JTextArea print = new JTextArea(grouped(host.fingerprint()));
    print.setName("settings.fingerprint");
    print.setEditable(false);
    print.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
    print.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
    form.row(print, 6);
    JButton copy = new JButton("Copy fingerprint");
    copy.setName("settings.copyFingerprint");
    copy.setEnabled(!host.fingerprint().isEmpty());
    copy.addActionListener(e -> Toolkit.getDefaultToolkit().getSystemClipboard()
        .setContents(new StringSelection(host.fingerprint()), null));
    JButton other = new JButton("Use another descriptor…");
    other.setName("settings.chooseDescriptor");
    other.addActionListener(e -> chooseDescriptor());
    JPanel clusterButtons = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
    clusterButtons.add(copy);
    clusterButtons.add(javax.swing.Box.createHorizontalStrut(8));
    clusterButtons.add(other);
    form.row(clusterButtons, 4);

    JButton close = new JButton("Close");
    close.setName("settings.close");
    close.addActionListener(e -> dispose());
    form.finish(this, owner, close, close);
  }

  /** "ab12cd34…" as two lines of eight four-digit groups, easier to read out. */
  static String grouped(String hex) {
    if (hex == null || hex.isEmpty()) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(i % 32 == 0 ? '\n' : ' ');
      }
      out.append(hex, i, Math.min(hex.length(), i + 4));
    }
    return out.toString().toUpperCase(java.util.Locale.ROOT);
  }

  private static JLabel heading(String text) {
    JLabel l = new JLabel(text);
    l.putClientProperty("FlatLaf.styleClass", "h4");
    return l;
  }

  private static JLabel muted(String text) {
    JLabel l = new JLabel(Html.wrapped(text, 430));
    l.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    return l;
  }

  private void chooseDataDir() {
    JFileChooser chooser = new JFileChooser(host.dataDir().toFile());
    chooser.setDialogTitle("Choose a data folder");
    chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
    if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
      Path dir = chooser.getSelectedFile().toPath();
      dispose();
      host.changeDataDir(dir);
    }
  }

  private void chooseDescriptor() {
    JFileChooser chooser = new JFileChooser();
    chooser.setDialogTitle("Choose the cluster descriptor (descriptor.yaml)");
    if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
      return;
    }
    Path file = chooser.getSelectedFile().toPath();
    new SwingWorker<String, Void>() {
      @Override
      protected String doInBackground() throws Exception {
        ClusterDescriptor.load(file);
        return ClusterDescriptor.fingerprint(file);
      }

      @Override
      protected void done() {
        try {
          confirmDescriptor(file, get());
        } catch (ExecutionException e) {
          JOptionPane.showMessageDialog(SettingsDialog.this, "This is not a usable cluster "
              + "descriptor: " + ClientSession.describe(e.getCause()), "Cluster descriptor",
              JOptionPane.ERROR_MESSAGE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void confirmDescriptor(Path file, String fingerprint) {
    JTextArea print = new JTextArea(grouped(fingerprint));
    print.setEditable(false);
    print.setFont(new Font(Font.MONOSPACED, Font.BOLD, 13));
    JPanel p = new JPanel(new BorderLayout(0, 10));
    p.add(new JLabel(Html.wrapped("Pin this cluster for " + host.dataDir() + "? Its "
        + "fingerprint is below: use it only if it matches the one your operators published. "
        + "Sotto reconnects to the new cluster.", 380)), BorderLayout.NORTH);
    p.add(print, BorderLayout.CENTER);
    int answer = JOptionPane.showConfirmDialog(this, p, "Use another cluster",
        JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
    if (answer == JOptionPane.OK_OPTION) {
      dispose();
      host.useDescriptor(file);
    }
  }
}
