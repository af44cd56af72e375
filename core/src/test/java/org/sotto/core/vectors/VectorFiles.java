package org.sotto.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Where docs/vectors lives, and JSON/hex helpers shared by the generator and the test. */
final class VectorFiles {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final HexFormat HEX = HexFormat.of();

  static final String SEALED_MESSAGE = "sealed-message.json";
  static final String ONION_LAYER = "onion-layer.json";
  static final String ONION_3_LAYER = "onion-3-layer.json";
  static final String REPLY = "reply.json";
  static final String DIALING = "dialing.json";

  private VectorFiles() {}

  /**
   * docs/vectors of this checkout: {@code -Dsotto.vectors.dir} if given, otherwise the first
   * ancestor of Maven's {@code basedir} (or the working directory) that holds docs/vectors or is
   * the reactor root (has core/pom.xml).
   */
  static Path dir() {
    String explicit = System.getProperty("sotto.vectors.dir");
    if (explicit != null) {
      return Path.of(explicit).toAbsolutePath();
    }
    Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs/vectors")) || Files.isRegularFile(
          p.resolve("core/pom.xml"))) {
        return p.resolve("docs/vectors");
      }
    }
    throw new IllegalStateException("no docs/vectors above " + start);
  }

  static JsonNode read(String name) {
    try {
      return JSON.readTree(dir().resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path dir, String name, JsonNode node) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name), JSON.writeValueAsString(node) + "\n");
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  static byte[] bytes(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing hex field " + field + " in " + node);
    }
    return HEX.parseHex(v.asText());
  }
}
