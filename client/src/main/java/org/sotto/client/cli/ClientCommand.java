package org.sotto.client.cli;

import java.io.InputStream;
import org.sotto.client.dialing.DialerFactory;
import org.sotto.client.dialing.RoundDialer;
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
  private final DialerFactory dialers;

  /** The command as the launcher runs it: the process's stdin, dialing in dialing rounds. */
  public ClientCommand() {
    this(System.in, RoundDialer::new);
  }

  /** @param stdin where --password-stdin reads; @param dialers how the clients dial */
  public ClientCommand(InputStream stdin, DialerFactory dialers) {
    this.stdin = stdin;
    this.dialers = dialers;
  }

  InputStream stdin() {
    return stdin;
  }

  DialerFactory dialers() {
    return dialers;
  }
}
