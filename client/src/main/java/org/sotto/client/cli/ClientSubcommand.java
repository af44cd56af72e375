package org.sotto.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code sotto client} command does around its own work: open the client on the data
 * folder, close it afterwards, and turn a {@link SottoException} into one line on stderr and
 * exit code 1.
 */
abstract class ClientSubcommand implements Callable<Integer> {
  /** The work was done but did not finish in time (a message still waiting for delivery). */
  static final int EXIT_PENDING = 3;
  /** The cluster could not be reached; what was asked for waits in the data folder. */
  static final int EXIT_UNREACHABLE = 4;

  @Mixin
  ClientOptions options;

  @Spec
  CommandSpec spec;

  /** Runs the command's work; the client is open and closed around it. */
  abstract int run(SottoClient client) throws SottoException, InterruptedException;

  /** The log level while this command runs; the chat lowers it so logs do not hit the screen. */
  String logLevel() {
    return "WARN";
  }

  @Override
  public Integer call() {
    if (System.getProperty("sotto.log.level") == null) {
      System.setProperty("sotto.log.level", logLevel());
    }
    try (SottoClient client = SottoClient.open(options.settings())) {
      return run(client);
    } catch (SottoException e) {
      err().println("error: " + e.getMessage());
      err().flush();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
