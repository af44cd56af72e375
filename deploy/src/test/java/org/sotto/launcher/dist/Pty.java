package org.sotto.launcher.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A command on a real pseudo-terminal, as a person at a terminal runs it: util-linux's
 * {@code script} allocates the pty and copies its stdin in and the screen out, so the program
 * sees a terminal (JLine takes it over) while the test types and reads.
 */
final class Pty implements AutoCloseable {
  /** Colour, cursor and mode sequences: stripped, so the test reads what a person reads. */
  private static final Pattern ESCAPES = Pattern.compile(
      "\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]|\u001B\\][^\u0007]*\u0007"
          + "|\r|\u0007");

  private final Process process;
  private final OutputStream keyboard;
  private final StringBuilder screen = new StringBuilder();
  private final Thread reader;

  private Pty(Process process) {
    this.process = process;
    this.keyboard = process.getOutputStream();
    this.reader = new Thread(this::read, "pty-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code argv} on a 120 x 40 terminal, in {@code dir}, with {@code env} added. */
  static Pty start(Path dir, Map<String, String> env, List<String> argv) throws IOException {
    StringBuilder command = new StringBuilder("stty cols 120 rows 40; exec");
    for (String arg : argv) {
      command.append(' ').append('\'').append(arg.replace("'", "'\\''")).append('\'');
    }
    ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command.toString(), "/dev/null")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("TERM", "xterm-256color");
    return new Pty(pb.start());
  }

  private void read() {
    byte[] buffer = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        synchronized (screen) {
          screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          screen.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Types {@code line} and presses Enter. */
  void type(String line) throws IOException {
    keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  /** Everything shown so far, without terminal control sequences. */
  String text() {
    synchronized (screen) {
      return ESCAPES.matcher(screen).replaceAll("");
    }
  }

  /** Waits until the screen shows {@code expected}; fails with the screen if it does not. */
  void await(String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (screen) {
      while (!text().contains(expected)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && !text().contains(expected)) {
          if (!process.isAlive()) {
            screen.wait(200); // the last output may still be on its way
            if (text().contains(expected)) {
              return;
            }
          }
          throw new AssertionError("the terminal did not show '" + expected + "' within "
              + timeout.toSeconds() + " s; it shows:\n" + text());
        }
        screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 500_000_000L))));
      }
    }
  }

  /** Waits for the program to end and returns its exit status. */
  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout.toSeconds() + " s:\n" + text());
    }
    reader.join(2_000);
    return process.exitValue();
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
