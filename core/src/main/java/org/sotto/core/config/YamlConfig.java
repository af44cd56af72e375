package org.sotto.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML into validated records and writes them back. Keys are kebab-case; an unknown key is an
 * error (a typo must not silently fall back to a default).
 */
public final class YamlConfig {
  private static final ObjectMapper MAPPER = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      // Unknown keys are found by UnknownKeys, all at once, rather than one exception at a time;
      // a missing number reads as 0 and its record's problems() names it.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      // Optional keys left out (metrics, health…) are not written as 'key: null'.
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .registerModule(relativePaths());

  private YamlConfig() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Loads and validates; relative paths inside stay relative to the caller (see resolve()). */
  public static <T extends Validated> T load(Path file, Class<T> type) throws ConfigException {
    return load(file, type, false);
  }

  /**
   * As {@link #load(Path, Class)}, for files with no optional key: every key the record (and its
   * nested records) has must be written, and each one left out is named.
   */
  public static <T extends Validated> T loadComplete(Path file, Class<T> type)
      throws ConfigException {
    return load(file, type, true);
  }

  private static <T extends Validated> T load(Path file, Class<T> type, boolean everyKey)
      throws ConfigException {
    if (!Files.isReadable(file)) {
      throw new ConfigException(file.toString(), List.of("cannot read the file; check the path"));
    }
    T config;
    try {
      com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(file.toFile());
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new ConfigException(file.toString(), List.of("the file is empty"));
      }
      List<String> unknown = new ArrayList<>(UnknownKeys.find(tree, type));
      if (everyKey) {
        unknown.addAll(MissingKeys.find(tree, type));
      }
      if (!unknown.isEmpty()) {
        throw new ConfigException(file.toString(), unknown);
      }
      config = MAPPER.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      throw new ConfigException(file.toString(), List.of(describe(e)));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of(notYaml(e)));
    }
    if (config == null) {
      throw new ConfigException(file.toString(), List.of("the file is empty"));
    }
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(file.toString(), problems);
    }
    return config;
  }

  public static void write(Path file, Object config) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    MAPPER.writeValue(file.toFile(), config);
  }

  /**
   * Paths as written, not as absolute URIs (Jackson's default): config folders made by
   * {@code cluster init} must stay relocatable.
   */
  private static SimpleModule relativePaths() {
    return new SimpleModule("relative-paths")
        .addSerializer(Path.class, new ToStringSerializer(Path.class))
        .addDeserializer(Path.class, new FromStringDeserializer<Path>(Path.class) {
          private static final long serialVersionUID = 1L;

          @Override
          protected Path _deserialize(String value, DeserializationContext ctxt) {
            return Path.of(value);
          }
        });
  }

  /**
   * A mapping failure in the config's own terms: where (the key path), and what was expected
   * there in words ("a whole number", "host:port"), never Jackson's Java type names.
   */
  static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String where = path.length() > 0 ? path + ": " : "";
    Throwable cause = e.getCause();
    if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException
        && cause.getMessage() != null) {
      return where + cause.getMessage(); // our own records' and parsers' words
    }
    if (e instanceof InvalidFormatException f) {
      return where + "'" + f.getValue() + "' is not " + expected(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return where + "expected " + expected(m.getTargetType());
    }
    return where + "this value has the wrong form; compare it with the reference config";
  }

  /** What a value of {@code type} looks like, for people who write YAML. */
  private static String expected(Class<?> type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class
        || type == short.class || type == Short.class) {
      return "a whole number";
    }
    if (type == double.class || type == float.class || type == Double.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Path.class) {
      return "a file path";
    }
    if (type == HostPort.class) {
      return "an address written host:port";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
          .collect(java.util.stream.Collectors.joining(", "));
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a section of keys";
  }

  /** A YAML syntax error: its line and column and the parser's problem, not its stack. */
  private static String notYaml(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException y && y.getProblemMark() != null) {
        return "not valid YAML at line " + (y.getProblemMark().getLine() + 1) + ", column "
            + (y.getProblemMark().getColumn() + 1) + ": " + y.getProblem();
      }
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null) {
      return "not valid YAML at line " + j.getLocation().getLineNr() + ", column "
          + j.getLocation().getColumnNr() + ": " + j.getOriginalMessage().lines().findFirst()
          .orElse("");
    }
    return "cannot read it as YAML (" + e.getMessage() + ")";
  }

  /** Collects problems for validated records; {@code check(false, "...")} records one. */
  public static final class Problems {
    private final List<String> list = new ArrayList<>();

    public Problems check(boolean ok, String problem) {
      if (!ok) {
        list.add(problem);
      }
      return this;
    }

    public Problems addAll(String prefix, List<String> more) {
      more.forEach(p -> list.add(prefix + p));
      return this;
    }

    public List<String> list() {
      return List.copyOf(list);
    }
  }
}
