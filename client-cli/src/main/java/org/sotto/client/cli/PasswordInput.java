package org.sotto.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;

/**
 * Reads a password without putting it on the command line (where {@code ps} and shell history
 * would show it): from the terminal without echo, or, for scripts, as lines of stdin.
 */
final class PasswordInput {
  private PasswordInput() {}

  static char[] read(boolean fromStdin, InputStream stdin, String prompt, boolean confirm)
      throws SottoException {
    if (fromStdin) {
      return line(lines(stdin), "password");
    }
    return ask(prompt, confirm);
  }

  /** A password change: the current password and the new one (asked twice on a terminal). */
  record Change(char[] current, char[] next) {
    void erase() {
      Arrays.fill(current, '\0');
      Arrays.fill(next, '\0');
    }
  }

  /** Reads a password change: from the terminal, or as the first two lines of stdin. */
  static Change readChange(boolean fromStdin, InputStream stdin, String username)
      throws SottoException {
    if (fromStdin) {
      BufferedReader lines = lines(stdin);
      return new Change(line(lines, "current password (first line)"),
          line(lines, "new password (second line)"));
    }
    char[] current = ask("Current password for " + username, false);
    try {
      return new Change(current, ask("New password for " + username, true));
    } catch (SottoException e) {
      Arrays.fill(current, '\0');
      throw e;
    }
  }

  private static BufferedReader lines(InputStream stdin) {
    return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
  }

  private static char[] line(BufferedReader lines, String what) throws SottoException {
    try {
      String line = lines.readLine();
      if (line == null || line.isEmpty()) {
        throw new SottoException(Reason.INVALID, "--password-stdin: stdin held no " + what);
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new SottoException(Reason.INVALID, "cannot read the " + what + " from stdin", e);
    }
  }

  private static char[] ask(String prompt, boolean confirm) throws SottoException {
    Console console = System.console();
    if (console == null) {
      throw new SottoException(Reason.INVALID, "no terminal to ask for the password on; pipe it "
          + "in with --password-stdin");
    }
    char[] password = console.readPassword("%s: ", prompt);
    if (password == null) {
      throw new SottoException(Reason.INVALID, "no password given");
    }
    if (confirm) {
      char[] again = console.readPassword("%s (again): ", prompt);
      boolean same = Arrays.equals(password, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(password, '\0');
        throw new SottoException(Reason.INVALID, "the two passwords differ; nothing was changed");
      }
    }
    return password;
  }
}
