package org.sotto.client.cli;

import java.io.InputStream;
import picocli.CommandLine.Command;

/**
 * {@code sotto client}: the command-line client. Every subcommand works on one data folder
 * ({@code --data-dir}, default ~/.sotto) and the cluster pinned there ({@code --descriptor} the
 * first time).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Use Sotto from the terminal: register, add contacts, send and chat.",
    subcommands = {RegisterCommand.class, LoginCommand.class, PasswordCommand.class,
        ContactsCommand.class, SendCommand.class, ReceiveCommand.class, ChatCommand.class})
public final class ClientCommand {
  private final InputStream stdin;

  /** The command as the launcher runs it: the process's stdin. */
  public ClientCommand() {
    this(System.in);
  }

  /** @param stdin where --password-stdin reads */
  public ClientCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  InputStream stdin() {
    return stdin;
  }
}
