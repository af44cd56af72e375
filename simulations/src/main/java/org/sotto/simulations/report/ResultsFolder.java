package org.sotto.simulations.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run writes its CSV, plots and summary: {@code --out DIR} when given, otherwise
 * {@code results/<command>-<yyyyMMdd-HHmmss>/} under the working directory.
 */
public final class ResultsFolder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ResultsFolder() {}

  public static Path create(String command, Path out) throws IOException {
    Path dir = out != null ? out
        : Path.of("results", command + "-" + LocalDateTime.now().format(STAMP));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create the results folder " + dir.toAbsolutePath()
          + " (" + e.getMessage() + "); pass --out with a folder you can write to", e);
    }
  }
}
