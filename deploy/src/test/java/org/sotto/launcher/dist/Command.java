package org.sotto.launcher.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and keeps what it printed. */
record Command(int exit, String stdout, String stderr) {

  static Command run(Path dir, Map<String, String> env, long timeoutSeconds, String... argv)
      throws IOException, InterruptedException {
    return runWithInput(dir, env, timeoutSeconds, "", argv);
  }

  /** As {@link #run}, with {@code stdin} as the command's standard input. */
  static Command runWithInput(Path dir, Map<String, String> env, long timeoutSeconds,
      String stdin, String... argv) throws IOException, InterruptedException {
    Path in = Files.createTempFile("cmd", ".in");
    Files.writeString(in, stdin, StandardCharsets.UTF_8);
    Path out = Files.createTempFile("cmd", ".out");
    Path err = Files.createTempFile("cmd", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(argv)).directory(dir.toFile())
          .redirectInput(in.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(String.join(" ", argv) + " did not finish in "
            + timeoutSeconds + " s; it printed:\n" + Files.readString(out)
            + Files.readString(err));
      }
      return new Command(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
