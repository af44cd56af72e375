package org.sotto.e2e.gui;

import static org.awaitility.Awaitility.await;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextArea;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.sotto.client.gui.GuiConfig;
import org.sotto.client.gui.GuiPreferences;
import org.sotto.client.gui.SottoApp;

/**
 * One person using the desktop client in a GUI test: a SottoApp in its own window, on its own
 * data folder and preferences, driven through an AssertJ-Swing FrameFixture.
 */
final class GuiUser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  final String name;
  final Path dataDir;
  final Preferences prefsNode;
  final GuiPreferences prefs;
  final SottoApp app;
  final FrameFixture window;

  private GuiUser(String name, Path dataDir, Preferences prefsNode, SottoApp app,
      FrameFixture window) {
    this.name = name;
    this.dataDir = dataDir;
    this.prefsNode = prefsNode;
    this.prefs = new GuiPreferences(prefsNode);
    this.app = app;
    this.window = window;
  }

  /** Opens the client on {@code dataDir} at {@code location}, 960×640. */
  static GuiUser start(Robot robot, String name, Path dataDir, Path descriptor,
      Preferences prefsNode, Point location) {
    GuiPreferences prefs = new GuiPreferences(prefsNode);
    SottoApp app = GuiActionRunner.execute(() -> {
      SottoApp a = SottoApp.start(new GuiConfig(dataDir, descriptor, prefs));
      a.frame().setBounds(location.x, location.y, 960, 640);
      return a;
    });
    FrameFixture window = new FrameFixture(robot, app.frame());
    pin(app.frame());
    return new GuiUser(name, dataDir, prefsNode, app, window);
  }

  /** The dialog named {@code dialogName} of this window, once it shows, pinned in place. */
  DialogFixture dialog(String dialogName) {
    DialogFixture dialog = window.dialog(dialogName);
    pin(dialog.target());
    return dialog;
  }

  /**
   * Makes the X server and Java agree on where a showing window is. Xvfb has no window manager,
   * and now and then a dialog is mapped where it asked to be while Java keeps the position it
   * had before it was mapped (seen here: a settings dialog drawn at 210,87 that Java placed at
   * 0,0), so every robot click on it lands beside it. Moving the window away and back sends the
   * X server a position Java knows.
   */
  static void pin(Window w) {
    GuiActionRunner.execute(() -> {
      Point at = w.getLocation();
      w.setLocation(at.x + 1, at.y);
      w.setLocation(at);
      w.getToolkit().sync();
    });
  }

  /**
   * The window's fixture, after making it the active window. Xvfb has no window manager, so a
   * window does not become active when AssertJ-Swing only asks its component for focus; bringing
   * it to the front does it.
   */
  FrameFixture use() {
    boolean active = GuiActionRunner.execute(() -> app.frame().isActive());
    if (!active) {
      GuiActionRunner.execute(() -> {
        app.frame().toFront();
        app.frame().requestFocus();
        return null;
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> GuiActionRunner.execute(
          () -> app.frame().isActive()));
    }
    return window;
  }

  static Preferences freshPreferences() {
    return Preferences.userRoot().node("org/sotto/gui-test/" + UUID.randomUUID());
  }

  /** Every showing component named {@code name} in the window, found on the EDT. */
  <T extends Component> List<T> all(String componentName, Class<T> type) {
    return GuiActionRunner.execute(() -> {
      List<T> out = new ArrayList<>();
      collect(app.frame().getRootPane(), componentName, type, out);
      return out;
    });
  }

  <T extends Component> Optional<T> find(String componentName, Class<T> type) {
    return all(componentName, type).stream().findFirst();
  }

  private static <T extends Component> void collect(Component root, String name, Class<T> type,
      List<T> out) {
    for (Component c : showingNamed(root)) {
      if (name.equals(c.getName()) && type.isInstance(c)) {
        out.add(type.cast(c));
      }
    }
  }

  /** Every showing component with a name in {@code root}'s tree, {@code root} first. EDT only. */
  static List<Component> showingNamed(Component root) {
    List<Component> out = new ArrayList<>();
    if (root.getName() != null && root.isShowing()) {
      out.add(root);
    }
    if (root instanceof Container container) {
      for (Component child : container.getComponents()) {
        out.addAll(showingNamed(child));
      }
    }
    return out;
  }


  void awaitShowing(String componentName) {
    await().atMost(WAIT).until(() -> find(componentName, Component.class).isPresent());
  }

  /** The texts of the message bubbles on screen, in order. */
  List<String> messages() {
    return GuiActionRunner.execute(() -> {
      List<JTextArea> texts = new ArrayList<>();
      collect(app.frame().getRootPane(), "message.text", JTextArea.class, texts);
      return texts.stream().map(JTextArea::getText).toList();
    });
  }

  /** The small line under the bubble with {@code text}: time and delivery state. */
  String metaOf(String text) {
    return GuiActionRunner.execute(() -> {
      List<JTextArea> texts = new ArrayList<>();
      collect(app.frame().getRootPane(), "message.text", JTextArea.class, texts);
      for (JTextArea t : texts) {
        if (t.getText().equals(text)) {
          for (Component sibling : t.getParent().getComponents()) {
            if ("message.meta".equals(sibling.getName())) {
              return ((JLabel) sibling).getText();
            }
          }
        }
      }
      return "";
    });
  }

  void awaitMessage(String text) {
    await().atMost(WAIT).until(() -> messages().contains(text));
  }

  void awaitDelivered(String text) {
    await().atMost(WAIT).until(() -> metaOf(text).contains("Delivered"));
  }

  String text(String componentName) {
    return GuiActionRunner.execute(() -> {
      List<JComponent> found = new ArrayList<>();
      collect(app.frame().getRootPane(), componentName, JComponent.class, found);
      return found.stream().findFirst().map(c -> c instanceof JLabel l ? l.getText()
          : c instanceof javax.swing.text.JTextComponent t ? t.getText() : "").orElse("");
    });
  }

  String title() {
    return GuiActionRunner.execute(() -> app.frame().getTitle());
  }

  /** Closes the window as its close button would, and waits for the client to shut down. */
  void closeWindow() {
    window.close();
    app.closed().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    if (!app.closed().isDone()) {
      GuiActionRunner.execute(() -> {
        app.close();
        return null;
      });
      app.closed().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }
    try {
      prefsNode.removeNode();
    } catch (BackingStoreException | IllegalStateException e) {
      // already gone
    }
  }
}
