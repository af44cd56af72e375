package org.sotto.client.cli;

import java.nio.file.Path;
import org.sotto.client.ClientSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every {@code sotto client} command shares: where the state is, which cluster. */
public final class ClientOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.sotto",
      description = "folder of this client's state: identity, contacts, conversations, outbox "
          + "and inbox (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--descriptor", paramLabel = "FILE", description = "the cluster's descriptor.yaml; pinned into the "
      + "data folder on first use, so later commands can leave it out")
  Path descriptor;

  @Option(names = "--trust-new-descriptor", description = "accept a descriptor that differs from "
      + "the pinned one (only after comparing its fingerprint with your operators)")
  boolean trustNewDescriptor;

  ClientSettings settings() {
    ClientSettings s = new ClientSettings(dataDir, descriptor, false);
    return trustNewDescriptor ? s.trustingNewDescriptor() : s;
  }

  /** The {@code client} command this one runs under, which holds stdin. */
  ClientCommand root() {
    for (CommandLine c = mixee.commandLine(); c != null; c = c.getParent()) {
      if (c.getCommand() instanceof ClientCommand client) {
        return client;
      }
    }
    throw new IllegalStateException("client subcommands run under ClientCommand");
  }
}
