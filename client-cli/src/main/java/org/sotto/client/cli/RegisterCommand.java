package org.sotto.client.cli;

import java.util.Arrays;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sotto client register USERNAME}. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = {"Create an account: new identity keys, kept in the data folder and, encrypted "
        + "under your password, in the cluster's directory.",
        "The password never leaves this machine; weak or common ones are refused."})
final class RegisterCommand extends AccountSubcommand {
  @Parameters(index = "0", description = "the username to register (3-32 of a-z, 0-9, _)")
  String username;

  @Override
  String username() {
    return username;
  }

  @Override
  int run(SottoClient client) throws SottoException {
    char[] password = password("New password for " + username, true);
    try {
      String weak = SottoClient.passwordProblem(username, password);
      if (weak != null) {
        throw new SottoException(SottoException.Reason.WEAK_PASSWORD, "password refused: " + weak);
      }
      out().println("Stretching the password (Argon2id) and creating your keys...");
      out().flush();
      client.register(username, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    out().println("Registered " + client.username().orElseThrow() + "; state kept in "
        + options.dataDir + ".");
    return 0;
  }
}
