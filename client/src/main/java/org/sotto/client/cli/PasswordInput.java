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
 * would show it): from the terminal without echo, or, for scripts, as the first line of stdin.
 */
final class PasswordInput {
  private PasswordInput() {}

  static char[] read(boolean fromStdin, InputStream stdin, String prompt, boolean confirm)
      throws SottoException {
    if (fromStdin) {
      try {
        String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))
            .readLine();
        if (line == null || line.isEmpty()) {
          throw new SottoException(Reason.INVALID, "--password-stdin: stdin held no password");
        }
        return line.toCharArray();
      } catch (IOException e) {
        throw new SottoException(Reason.INVALID, "cannot read the password from stdin", e);
      }
    }
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
