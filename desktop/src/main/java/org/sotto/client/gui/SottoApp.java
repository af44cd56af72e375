package org.sotto.client.gui;

import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * The desktop client's window and what moves it between screens: it opens the data folder, shows
 * the login screen until there is an account, then the main window; settings can switch the
 * theme, the data folder or the cluster. Closing the window closes the client after the calls
 * already made (so the outbox is on disk) and completes {@link #closed()}.
 *
 * <p>Create and use it on the event dispatch thread.
 */
public final class SottoApp implements SettingsDialog.Host {
  private static final String LOGIN = "login";
  private static final String MAIN = "main";

  private final GuiConfig config;
  private final JFrame frame = new JFrame("Sotto");
  private final CardLayout cards = new CardLayout();
  private final JPanel root = new JPanel(cards);
  private final LoginPanel login;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private Theme theme;
  private Path dataDir;
  private ClientSession session;
  private SessionController controller;
  private MainPanel main;
  private ClusterDescriptor descriptor;
  private String fingerprint = "";
  private boolean closing;

  private SottoApp(GuiConfig config) {
    this.config = config;
    this.theme = config.preferences().theme();
    login = new LoginPanel(new LoginPanel.Actions() {
      @Override
      public void submit(boolean register, String username, char[] password) {
        SottoApp.this.submit(register, username, password);
      }

      @Override
      public void openSettings() {
        SottoApp.this.openSettings();
      }
    });
    root.add(login, LOGIN);
    frame.setName("sotto");
    frame.setIconImages(java.util.List.of(icon(16), icon(32), icon(64), icon(128)));
    frame.setContentPane(root);
    frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        close();
      }
    });
    frame.setMinimumSize(new Dimension(760, 520));
    frame.setSize(1000, 680);
    frame.setLocationByPlatform(true);
  }

  /** The window icon: an "S" on Sotto's accent colour. */
  private static java.awt.Image icon(int size) {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(size, size,
        java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING,
        java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
        java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new java.awt.Color(0x4263EB));
    g.fillRoundRect(0, 0, size, size, size / 2, size / 2);
    g.setColor(java.awt.Color.WHITE);
    g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, size * 2 / 3));
    java.awt.FontMetrics fm = g.getFontMetrics();
    g.drawString("S", (size - fm.stringWidth("S")) / 2f,
        (size - fm.getHeight()) / 2f + fm.getAscent());
    g.dispose();
    return image;
  }

  /** Applies the remembered theme, shows the window and opens the data folder. On the EDT. */
  public static SottoApp start(GuiConfig config) {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("start the desktop client on the event dispatch thread");
    }
    config.preferences().theme().apply();
    SottoApp app = new SottoApp(config);
    app.frame.setVisible(true);
    app.open(config.initialDataDir(), config.descriptor(), false);
    return app;
  }

  public JFrame frame() {
    return frame;
  }

  /** Completes once the window is closed and the client with it. */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  /** Closes the window as its close button does. */
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    frame.setTitle("Sotto — closing…");
    closeSession().whenComplete((v, e) -> SwingUtilities.invokeLater(() -> {
      frame.dispose();
      closed.complete(null);
    }));
  }

  // ---- opening a data folder ------------------------------------------------------------------

  /** What the window needs from a freshly opened client, read on the worker. */
  private record Opened(ClusterDescriptor descriptor, String fingerprint, String username) {
    static Opened of(SottoClient c) {
      return new Opened(c.descriptor(), c.descriptorFingerprint(), c.username().orElse(null));
    }
  }

  private void open(Path dir, Path descriptorFile, boolean trustNew) {
    dataDir = dir;
    descriptor = null;
    fingerprint = "";
    cards.show(root, LOGIN);
    frame.setTitle("Sotto");
    login.setCluster(" ");
    login.showError(null);
    login.setBusy("Opening " + dir + "…");
    ClientSession s = new ClientSession();
    session = s;
    s.open(config.clientSettings(dir, descriptorFile, trustNew),
        client -> s.run(Opened::of, opened -> opened(s, opened), e -> failed(s, e, dir,
            descriptorFile)),
        e -> failed(s, e, dir, descriptorFile));
  }

  private void opened(ClientSession s, Opened opened) {
    if (s != session) {
      return;
    }
    descriptor = opened.descriptor();
    fingerprint = opened.fingerprint();
    config.preferences().setDataDir(dataDir);
    login.setCluster("Cluster “" + descriptor.name() + "” · fingerprint "
        + SettingsDialog.grouped(fingerprint).substring(0, 19) + "…");
    if (opened.username() != null) {
      enterMain(opened.username());
    } else {
      login.setBusy(null);
      login.focusUsername();
    }
  }

  private void failed(ClientSession s, Throwable error, Path dir, Path descriptorFile) {
    if (s != session) {
      return;
    }
    s.close();
    session = null;
    login.setBusy(null);
    login.setFormEnabled(false);
    login.setCluster("No cluster");
    String message = ClientSession.describe(error);
    SottoException.Reason reason = error instanceof SottoException se ? se.reason() : null;
    if (reason == SottoException.Reason.DESCRIPTOR_CHANGED) {
      login.showError(message, "I compared it: use the new descriptor",
          () -> open(dir, descriptorFile, true));
    } else if (descriptorFile == null && message.contains("no cluster pinned")) {
      login.showError("This data folder has no cluster yet. Choose the descriptor.yaml your "
          + "operators published (the demo prints where it wrote one).",
          "Choose descriptor…", () -> chooseDescriptor(dir));
    } else {
      login.showError(message, "Try again", () -> open(dir, descriptorFile, false));
    }
  }

  private void chooseDescriptor(Path dir) {
    JFileChooser chooser = new JFileChooser();
    chooser.setDialogTitle("Choose the cluster descriptor (descriptor.yaml)");
    if (chooser.showOpenDialog(frame) == JFileChooser.APPROVE_OPTION) {
      open(dir, chooser.getSelectedFile().toPath(), false);
    }
  }

  private CompletableFuture<Void> closeSession() {
    if (controller != null) {
      controller.stop();
      controller = null;
    }
    if (main != null) {
      root.remove(main);
      main = null;
    }
    ClientSession s = session;
    session = null;
    return s == null ? CompletableFuture.completedFuture(null) : s.close();
  }

  // ---- account ------------------------------------------------------------------------------

  private void submit(boolean register, String username, char[] password) {
    ClientSession s = session;
    if (s == null) {
      return;
    }
    login.setBusy(register ? "Creating your account (stretching the password takes a moment)…"
        : "Logging in…");
    s.run(c -> {
      try {
        if (register) {
          c.register(username, password);
        } else {
          c.login(username, password);
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      return c.username().orElseThrow();
    }, this::enterMain, e -> {
      login.setBusy(null);
      login.clearPasswords();
      login.showError(ClientSession.describe(e));
    });
  }

  private void enterMain(String username) {
    login.clearPasswords();
    login.setBusy(null);
    SessionModel model = new SessionModel(username, descriptor, fingerprint);
    controller = new SessionController(session, model, this::showProblem);
    SwingListener listener = new SwingListener(controller);
    session.run(c -> {
      c.addListener(listener);
      return null;
    }, v -> { }, this::showProblem);
    main = new MainPanel(controller, this::openSettings);
    root.add(main, MAIN);
    cards.show(root, MAIN);
    model.addListener(new SessionModel.Listener() {
      @Override
      public void conversationChanged(String peer) {
        title(model);
      }
    });
    title(model);
    controller.start(() -> { });
  }

  private void title(SessionModel model) {
    int unread = model.totalUnread();
    frame.setTitle((unread > 0 ? "(" + unread + ") " : "") + "Sotto — " + model.username());
  }

  private void showProblem(Throwable e) {
    showProblem(ClientSession.describe(e));
  }

  private void showProblem(String message) {
    JOptionPane.showMessageDialog(frame, Html.wrapped(message, 380), "Sotto",
        JOptionPane.WARNING_MESSAGE);
  }

  // ---- settings -------------------------------------------------------------------------------

  void openSettings() {
    new SettingsDialog(frame, this).setVisible(true);
  }

  @Override
  public Theme theme() {
    return theme;
  }

  @Override
  public void setTheme(Theme t) {
    theme = t;
    config.preferences().setTheme(t);
    t.apply();
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void changeDataDir(Path dir) {
    if (dir.toAbsolutePath().equals(dataDir.toAbsolutePath())) {
      return;
    }
    closeSession().whenComplete((v, e) -> SwingUtilities.invokeLater(
        () -> open(dir, null, false)));
  }

  @Override
  public ClusterDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public java.util.Optional<String> account() {
    return controller == null ? java.util.Optional.empty()
        : java.util.Optional.of(controller.model().username());
  }

  @Override
  public void changePassword(char[] current, char[] next, Runnable done,
      java.util.function.Consumer<Throwable> failed) {
    ClientSession s = session;
    if (s == null) {
      failed.accept(new IllegalStateException("the data folder is not open"));
      return;
    }
    s.run(c -> {
      try {
        c.changePassword(current, next);
      } finally {
        Arrays.fill(current, '\0');
        Arrays.fill(next, '\0');
      }
      return null;
    }, v -> done.run(), failed);
  }

  @Override
  public void useDescriptor(Path file) {
    Path dir = dataDir;
    closeSession().whenComplete((v, e) -> SwingUtilities.invokeLater(
        () -> open(dir, file, true)));
  }
}
