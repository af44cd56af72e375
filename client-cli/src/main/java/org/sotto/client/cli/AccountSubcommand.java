package org.sotto.client.cli;

import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import picocli.CommandLine.Option;

/**
 * A command that starts an account in the data folder from a username and a password (register,
 * login): the name is checked before any password is asked for, and a failure leaves no folder
 * behind.
 */
abstract class AccountSubcommand extends ClientSubcommand {
  @Option(names = "--password-stdin", description = "read the password from the first line of "
      + "stdin instead of asking on the terminal")
  boolean passwordStdin;

  abstract String username();

  @Override
  void checkArguments() throws SottoException {
    SottoClient.checkUsername(username());
  }

  @Override
  boolean removesFolderItCreatedOnFailure() {
    return true;
  }

  /** The password, from the terminal (asked {@code twice} for a new one) or stdin. */
  char[] password(String prompt, boolean twice) throws SottoException {
    return PasswordInput.read(passwordStdin, options.root().stdin(), prompt, twice);
  }
}
