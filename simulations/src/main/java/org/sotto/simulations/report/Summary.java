package org.sotto.simulations.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The short {@code summary.md} every run leaves next to its CSV and plots. */
public final class Summary {
  private final StringBuilder text = new StringBuilder();

  public Summary(String title) {
    text.append("# ").append(title).append("\n\n");
  }

  public Summary heading(String heading) {
    text.append("## ").append(heading).append("\n\n");
    return this;
  }

  public Summary paragraph(String paragraph) {
    text.append(paragraph).append("\n\n");
    return this;
  }

  public Summary table(Table table) {
    text.append(table.toMarkdown()).append('\n');
    return this;
  }

  public Summary image(String alt, String file) {
    text.append("![").append(alt).append("](").append(file).append(")\n\n");
    return this;
  }

  public String text() {
    return text.toString();
  }

  public void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("summary.md"), text);
  }
}
