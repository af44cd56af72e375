package org.sotto.core.config;

import java.nio.file.Path;

/** Resolves a path written in a config file against the folder that file is in. */
public final class NodeFiles {
  private NodeFiles() {}

  public static Path resolve(Path configFile, Path value) {
    if (value == null || value.isAbsolute()) {
      return value;
    }
    Path dir = configFile.toAbsolutePath().getParent();
    return dir == null ? value : dir.resolve(value).normalize();
  }
}
