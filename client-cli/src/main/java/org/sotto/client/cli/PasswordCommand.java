package org.sotto.client.cli;

import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto client password}. */
@Command(name = "password", mixinStandardHelpOptions = true,
    description = {"Change your password: the current one is checked by the directory, your key "
        + "backup is sealed again under the new one, and every other login session ends.",
        "Your identity keys, contacts and conversations stay as they are; your next login on "
        + "any machine takes the new password."})
final class PasswordCommand extends ClientSubcommand {
  @Option(names = "--password-stdin", description = "read the current password from the first "
      + "line of stdin and the new one from the second, instead of asking on the terminal")
  boolean passwordStdin;

  @Override
  int run(SottoClient client) throws SottoException {
    String me = client.username().orElseThrow(() -> new SottoException(
        SottoException.Reason.NOT_LOGGED_IN, "no account in " + options.dataDir
            + ": register or log in first"));
    PasswordInput.Change change = PasswordInput.readChange(passwordStdin,
        options.root().stdin(), me);
    try {
      out().println("Stretching both passwords (Argon2id)...");
      out().flush();
      client.changePassword(change.current(), change.next());
    } finally {
      change.erase();
    }
    out().println("Password changed for " + me + "; other sessions of the account were ended.");
    return 0;
  }
}
