package org.sotto.core.config;

import java.util.List;

/** A configuration file that cannot be used, with every problem found, each on its own line. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + " is not a valid configuration:\n  - " + String.join("\n  - ", problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file (or other source) the problems are in. */
  public String source() {
    return source;
  }

  public List<String> problems() {
    return problems;
  }
}
