package org.sotto.client.cli;

import java.util.Arrays;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sotto client login USERNAME}. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Log in to an existing account, restoring your identity keys from the "
        + "directory's encrypted backup (how you move to a new machine).",
        "Conversations live on the machine that started them: after moving, dial your contacts "
        + "again (contacts add); what they had not delivered comes to the new machine."})
final class LoginCommand extends AccountSubcommand {
  @Parameters(index = "0", description = "your username")
  String username;

  @Override
  String username() {
    return username;
  }

  @Override
  int run(SottoClient client) throws SottoException {
    char[] password = password("Password for " + username, false);
    try {
      client.login(username, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    out().println("Logged in as " + client.username().orElseThrow() + "; identity keys restored "
        + "into " + options.dataDir + ".");
    return 0;
  }
}
