package org.sotto.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.sotto.client.SottoException;
import org.sotto.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where a failure becomes what the user reads and the exit status scripts test:
 * one sentence on stderr saying what is wrong and what to do, and the stack trace only with
 * {@code --verbose}. Commands throw; they do not print their own errors.
 *
 * <p>Exit statuses follow picocli's and the GNU conventions: {@value #USAGE} for a command line
 * that cannot be parsed, {@value #FAILURE} for a command that failed; the few others a command
 * documents in its own --help (3 and 4 for a message still queued, 130 after Ctrl-C).
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private final Verbosity verbosity;

  /** Whether the user asked for stack traces; set while parsing, read when something fails. */
  interface Verbosity {
    boolean verbose();
  }

  Failures(Verbosity verbosity) {
    this.verbosity = verbosity;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for its usage.");
    traceIfVerbose(e, err);
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println("error: " + explain(e));
    traceIfVerbose(e, err);
    err.flush();
    return FAILURE;
  }

  private void traceIfVerbose(Exception e, PrintWriter err) {
    if (verbosity.verbose()) {
      e.printStackTrace(err);
    } else if (!(e instanceof ParameterException)) {
      err.println("(run again with --verbose to see the details)");
    }
  }

  /**
   * The failure in words. Sotto's own exceptions carry sentences written for users; the JDK's
   * file exceptions carry a path and a terse reason, which are put into a sentence; anything else
   * is a bug or a failure no one wrote words for, and says so rather than showing its type.
   */
  static String explain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException c) {
        return c.getMessage() + "\nFix it and check it with: sotto config check " + c.source();
      }
      if (t instanceof SottoException) {
        return t.getMessage();
      }
      if (t instanceof FileSystemException f) {
        return fileProblem(f);
      }
      if (t instanceof UncheckedIOException) {
        continue;
      }
      if (thrownBySotto(t) && t.getMessage() != null && (t instanceof IOException
          || t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
        return t.getMessage();
      }
    }
    return "sotto failed unexpectedly; please report it with the output of the same command "
        + "run with --verbose";
  }

  private static String fileProblem(FileSystemException f) {
    String file = f.getFile();
    if (f instanceof NoSuchFileException) {
      return file + " does not exist; check the path";
    }
    if (f instanceof AccessDeniedException) {
      return "no permission to use " + file + "; check its owner and permissions";
    }
    if (f instanceof FileAlreadyExistsException) {
      return file + " already exists; move it away or choose another path";
    }
    return "cannot use " + file + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
  }

  /** Whether Sotto's own code threw it, and so wrote its message for users. */
  private static boolean thrownBySotto(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("org.sotto.");
  }
}
