package org.sotto.client.gui;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto gui}: the desktop client. Returns when its window is closed. */
@Command(name = "gui", mixinStandardHelpOptions = true,
    description = "Open the Sotto desktop client.")
public final class GuiCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "the client's data folder (default: the one used last, else ~/.sotto, as for sotto client)")
  Path dataDir;

  @Option(names = "--descriptor", paramLabel = "FILE",
      description = "the cluster descriptor to pin (needed the first time a data folder is used; "
          + "later runs use the pinned one)")
  Path descriptor;

  @Option(names = "--theme", paramLabel = "THEME",
      description = "light, dark or system (remembered, as if chosen in settings)")
  String theme;

  @Override
  public Integer call() throws Exception {
    if (System.getProperty("awt.useSystemAAFontSettings") == null) {
      // smooth text where the desktop does not say (a bare X server, Xvfb)
      System.setProperty("awt.useSystemAAFontSettings", "on");
    }
    if (GraphicsEnvironment.isHeadless()) {
      System.err.println("sotto gui needs a display (DISPLAY is not set, or Java runs headless); "
          + "use the command-line client (sotto client), or run it under xvfb-run");
      return 2;
    }
    GuiPreferences prefs = GuiPreferences.user();
    if (theme != null) {
      prefs.setTheme(Theme.parse(theme));
    }
    AtomicReference<SottoApp> app = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> app.set(SottoApp.start(
        new GuiConfig(dataDir, descriptor, prefs))));
    app.get().closed().join();
    return 0;
  }
}
