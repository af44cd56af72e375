package org.sotto.launcher;

import org.sotto.client.cli.ClientCommand;
import org.sotto.client.gui.GuiCommand;
import org.sotto.coordinator.CoordinatorCommand;
import org.sotto.deaddrop.DeadDropCommand;
import org.sotto.launcher.cluster.ClusterCommand;
import org.sotto.launcher.config.ConfigCommand;
import org.sotto.launcher.demo.BotsCommand;
import org.sotto.launcher.demo.DemoCommand;
import org.sotto.launcher.sim.SimCommand;
import org.sotto.mixnode.MixNodeCommand;
import org.sotto.launcher.bench.BenchCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sotto}: the one launcher for every Sotto role and tool. */
@Command(
    name = "sotto",
    mixinStandardHelpOptions = true,
    versionProvider = Sotto.Version.class,
    description = "Metadata-private messaging: mix-net rounds, dead drops and cover traffic.",
    subcommands = {
        DemoCommand.class,
        ClientCommand.class,
        CoordinatorCommand.class,
        MixNodeCommand.class,
        DeadDropCommand.class,
        ClusterCommand.class,
        ConfigCommand.class,
        BotsCommand.class,
        HealthCommand.class,
        BenchCommand.class,
        SimCommand.class,
        GuiCommand.class,
        CommandLine.HelpCommand.class,
        AutoComplete.GenerateCompletion.class})
public final class Sotto {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Sotto());
    // picocli hides it by default; operators should find it in --help.
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage()
        .hidden(false);
    return cli;
  }

  /** The version Maven wrote into the build (SottoVersion). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sotto " + org.sotto.core.SottoVersion.current()};
    }
  }
}
