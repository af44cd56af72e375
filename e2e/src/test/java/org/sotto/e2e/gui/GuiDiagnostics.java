package org.sotto.e2e.gui;

import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.MouseInfo;
import java.awt.PointerInfo;
import java.awt.Window;
import java.io.IOException;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.text.JTextComponent;
import org.assertj.swing.edt.GuiActionRunner;

/**
 * What a failed GUI test leaves behind to find out why: a capture of the whole screen (which
 * window was on top, where the pointer was), each window painted, and on standard output the
 * focus, the pointer and every named field, label and button of each window with its state.
 */
final class GuiDiagnostics {
  private GuiDiagnostics() {}

  static void report(Throwable failure, long edtWorstMs, GuiUser... users) {
    StringBuilder out = new StringBuilder("[gui test] FAILED: ").append(failure).append('\n');
    out.append("[gui test] worst EDT latency ").append(edtWorstMs).append(" ms\n");
    try {
      out.append("[gui test] screen saved to ").append(Screenshots.screen("failure-screen"))
          .append('\n');
      for (GuiUser user : users) {
        Screenshots.save(user.app.frame(), "failure-" + user.name);
        out.append(GuiActionRunner.execute(() -> describe(user)));
      }
    } catch (IOException | RuntimeException e) {
      out.append("[gui test] diagnostics incomplete: ").append(e).append('\n');
    }
    System.out.print(out);
  }

  private static String describe(GuiUser user) {
    StringBuilder out = new StringBuilder();
    KeyboardFocusManager focus = KeyboardFocusManager.getCurrentKeyboardFocusManager();
    PointerInfo pointer = MouseInfo.getPointerInfo();
    out.append("[gui test] ").append(user.name).append(": frame at ")
        .append(user.app.frame().getBounds()).append(" active=")
        .append(user.app.frame().isActive()).append("; active window ")
        .append(name(focus.getActiveWindow())).append(", focus owner ")
        .append(name(focus.getFocusOwner())).append(", pointer at ")
        .append(pointer == null ? "?" : pointer.getLocation()).append('\n');
    for (Window w : user.app.frame().getOwnedWindows()) {
      out.append("[gui test]   owned window ").append(name(w)).append(" showing=")
          .append(w.isShowing()).append(" at ").append(w.getBounds()).append('\n');
      collect(w, out);
    }
    collect(user.app.frame().getRootPane(), out);
    return out.toString();
  }

  /** One line per named widget showing in {@code root}: its text, or its button state. */
  private static void collect(Component root, StringBuilder out) {
    for (Component c : GuiUser.showingNamed(root)) {
      String state = c instanceof javax.swing.JPasswordField p ? "chars=" + p.getPassword().length
          : c instanceof JTextComponent t ? "text='" + t.getText() + "'"
          : c instanceof JLabel l ? "text='" + l.getText() + "'"
          : c instanceof AbstractButton b ? "enabled=" + b.isEnabled() + " selected="
              + b.isSelected()
          : null;
      if (state != null) {
        out.append("[gui test]   ").append(c.getName()).append(' ').append(state).append('\n');
      }
    }
  }

  private static String name(Component c) {
    return c == null ? "none" : c.getClass().getSimpleName() + "(" + c.getName() + ")";
  }
}
