package org.sotto.launcher.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: {@code openssl speed -seconds S ecdhx25519}, run in the same session as the
 * measurements so that both see the same machine. With several threads, {@code -multi N}.
 */
final class OpensslSpeed {
  /** The result line, e.g. {@code " 253 bits ecdh (X25519)   0.0000s  27032.3"}; last field is op/s. */
  private static final Pattern X25519_LINE =
      Pattern.compile("ecdh \\(X25519\\)\\s+\\S+s\\s+([0-9]+(?:\\.[0-9]+)?)\\s*$", Pattern.MULTILINE);

  /** Either op/s over all processes, or why there is no figure. */
  record Result(double opsPerSecond, String problem) {
    static Result failed(String problem) {
      return new Result(Double.NaN, problem);
    }

    boolean ok() {
      return problem == null;
    }
  }

  private OpensslSpeed() {}

  static Result x25519(int seconds, int processes) {
    List<String> command = processes > 1
        ? List.of("openssl", "speed", "-seconds", Integer.toString(seconds), "-multi",
            Integer.toString(processes), "ecdhx25519")
        : List.of("openssl", "speed", "-seconds", Integer.toString(seconds), "ecdhx25519");
    String output;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Result.failed("`" + String.join(" ", command) + "` did not finish");
      }
      if (p.exitValue() != 0) {
        return Result.failed("`" + String.join(" ", command) + "` exited with " + p.exitValue());
      }
    } catch (IOException e) {
      return Result.failed("openssl is not installed here (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed("interrupted");
    }
    return parse(output);
  }

  static Result parse(String output) {
    Matcher m = X25519_LINE.matcher(output);
    double last = Double.NaN;
    while (m.find()) { // with -multi the summary table comes last
      last = Double.parseDouble(m.group(1));
    }
    return Double.isNaN(last)
        ? Result.failed("no \"ecdh (X25519)\" op/s line in openssl's output")
        : new Result(last, null);
  }
}
