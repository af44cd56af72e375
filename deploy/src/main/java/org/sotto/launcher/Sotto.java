package org.sotto.launcher;

import org.sotto.client.cli.ClientCommand;
import org.sotto.client.gui.GuiCommand;
import org.sotto.coordinator.CoordinatorCommand;
import org.sotto.deaddrop.DeadDropCommand;
import org.sotto.launcher.audit.AuditCommand;
import org.sotto.launcher.cluster.ClusterCommand;
import org.sotto.launcher.config.ConfigCommand;
import org.sotto.launcher.demo.BotsCommand;
import org.sotto.launcher.demo.DemoCommand;
import org.sotto.launcher.sim.SimCommand;
import org.sotto.mixnode.MixNodeCommand;
import org.sotto.launcher.bench.BenchCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import org.sotto.core.config.HostPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/** {@code sotto}: the one launcher for every Sotto role and tool. */
@Command(
    name = "sotto",
    mixinStandardHelpOptions = true,
    versionProvider = Sotto.Version.class,
    description = "Metadata-private messaging: mix-net rounds, dead drops and cover traffic.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed (the message says why and what to do)",
        "2:the command line is wrong (usage)",
        "3:'client send' or 'contacts': the message or invitation is still waiting",
        "4:'client send': the cluster cannot be reached; the message stays queued",
        "130:interrupted (Ctrl-C)"},
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
        AuditCommand.class,
        GuiCommand.class,
        CommandLine.HelpCommand.class,
        AutoComplete.GenerateCompletion.class})
public final class Sotto implements Failures.Verbosity {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "on failure, print the stack trace after the error message")
  boolean verbose;

  @Override
  public boolean verbose() {
    return verbose;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    Sotto root = new Sotto();
    CommandLine cli = new CommandLine(root);
    Failures failures = new Failures(root);
    cli.setExecutionExceptionHandler(failures);
    cli.setParameterExceptionHandler(failures);
    cli.registerConverter(HostPort.class, Sotto::hostPort);
    // picocli hides it by default; operators should find it in --help.
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage()
        .hidden(false);
    return cli;
  }

  private static HostPort hostPort(String text) {
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** The version Maven wrote into the build (SottoVersion). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sotto " + org.sotto.core.SottoVersion.current()};
    }
  }
}
