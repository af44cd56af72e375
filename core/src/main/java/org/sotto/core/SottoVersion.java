package org.sotto.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This build's version, as Maven wrote it into version.properties: what {@code sotto --version}
 * prints and every node exports as {@code sotto_build_info{version=…}}.
 */
public final class SottoVersion {
  private static final String VERSION = read();

  private SottoVersion() {}

  /** e.g. "0.1.0-SNAPSHOT"; "unknown" when run from classes not built by Maven. */
  public static String current() {
    return VERSION;
  }

  private static String read() {
    Properties p = new Properties();
    try (InputStream in = SottoVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled version.properties", e);
    }
    String version = p.getProperty("version", "unknown");
    return version.startsWith("${") ? "unknown" : version;
  }
}
