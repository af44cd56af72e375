package org.sotto.e2e.gui;

import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.JFrame;
import org.assertj.swing.edt.GuiActionRunner;

/**
 * Saves what a window shows as a PNG under target/screenshots/, painted from the component tree
 * on the EDT (so a window partly covered by another, or a screen without a window manager, still
 * gives the whole window).
 */
final class Screenshots {
  static final Path DIR = Path.of("target", "screenshots");

  private Screenshots() {}

  static Path save(Window window, String name) throws IOException {
    return write(GuiActionRunner.execute(() -> paint(window)), name);
  }

  /**
   * Saves the whole screen as the X server shows it: which window is on top, where the pointer
   * is.
   */
  static Path screen(String name) throws IOException {
    java.awt.Rectangle all = new java.awt.Rectangle(java.awt.Toolkit.getDefaultToolkit()
        .getScreenSize());
    try {
      return write(new java.awt.Robot().createScreenCapture(all), name);
    } catch (java.awt.AWTException e) {
      throw new IOException("cannot capture the screen: " + e.getMessage(), e);
    }
  }

  private static Path write(BufferedImage image, String name) throws IOException {
    Files.createDirectories(DIR);
    Path file = DIR.resolve(name + ".png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static BufferedImage paint(Window window) {
    Component c = window instanceof JFrame f ? f.getRootPane()
        : window instanceof JDialog d ? d.getRootPane() : window;
    BufferedImage image = new BufferedImage(Math.max(1, c.getWidth()),
        Math.max(1, c.getHeight()), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    c.paint(g);
    g.dispose();
    return image;
  }
}
