package org.sotto.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

  /**
   * Checks the command's own arguments before the data folder is opened or anything slow runs
   * (a username's form before the password is asked for and stretched).
   */
  void checkArguments() throws SottoException {}

  /**
   * Whether a data folder this command created is removed again when it fails: a failed
   * register or login must not leave a database and a pinned descriptor behind, which would
   * make the next attempt on that folder look like an existing account's.
   */
  boolean removesFolderItCreatedOnFailure() {
    return false;
  }

  /** The log level while this command runs; the chat lowers it so logs do not hit the screen. */
  String logLevel() {
    return "WARN";
  }

  @Override
  public Integer call() {
    if (System.getProperty("sotto.log.level") == null) {
      System.setProperty("sotto.log.level", logLevel());
    }
    boolean existed = Files.isDirectory(options.dataDir);
    boolean created = !hasFiles(options.dataDir);
    int status = 1;
    try {
      checkArguments();
      try (SottoClient client = SottoClient.open(options.settings())) {
        status = run(client);
      }
    } catch (SottoException e) {
      err().println("error: " + e.getMessage());
      err().flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 130;
    } finally {
      if (status != 0 && created && removesFolderItCreatedOnFailure()) {
        FolderRemoval.remove(options.dataDir, existed);
      }
    }
    return status;
  }

  private static boolean hasFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false; // missing (or unreadable, which opening will report)
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
