package org.sotto.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML into validated records and writes them back. Keys are kebab-case; an unknown key is an
 * error (a typo must not silently fall back to a default).
 */
public final class YamlConfig {
  private static final ObjectMapper MAPPER = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      // Optional keys left out (metrics, health…) are not written as 'key: null'.
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .registerModule(relativePaths());

  private static final PropertyNamingStrategies.NamingBase KEBAB =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

  private YamlConfig() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Loads and validates; relative paths inside stay relative to the caller (see resolve()). */
  public static <T extends Validated> T load(Path file, Class<T> type) throws ConfigException {
    if (!Files.isReadable(file)) {
      throw new ConfigException(file.toString(), List.of("cannot read the file; check the path"));
    }
    T config;
    try {
      List<String> unknown = new ArrayList<>();
      unknownKeys(MAPPER.readTree(file.toFile()), type, "", unknown);
      if (!unknown.isEmpty()) {
        throw new ConfigException(file.toString(), unknown);
      }
      config = MAPPER.readValue(file.toFile(), type);
    } catch (JsonMappingException e) {
      throw new ConfigException(file.toString(), List.of(describe(e)));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("not valid YAML: " + e.getMessage()));
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

  private static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String msg = e.getOriginalMessage();
    if (msg.startsWith("Cannot map `null` into type")) {
      return "'" + path + "' is missing; it needs a value (see the reference config in conf/)";
    }
    int cut = msg.indexOf(" (");
    if (msg.startsWith("Unrecognized field") && cut > 0) {
      msg = msg.substring(0, cut) + ": not a known key (check its spelling)";
    }
    return (path.length() > 0 ? "at '" + path + "': " : "") + msg;
  }

  /**
   * Every key in {@code node} that {@code type} (a record, kebab-case keys) does not read, each
   * with the known key it most likely meant: all typos in one go, where Jackson stops at the
   * first problem.
   */
  private static void unknownKeys(JsonNode node, Class<?> type, String path, List<String> out) {
    if (node == null || !node.isObject() || !type.isRecord()) {
      return;
    }
    Map<String, RecordComponent> known = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      known.put(KEBAB.translate(c.getName()), c);
    }
    node.fieldNames().forEachRemaining(key -> {
      RecordComponent c = known.get(key);
      if (c == null) {
        out.add("at '" + path + key + "': not a known key" + suggestion(key, known.keySet()));
      } else if (List.class.isAssignableFrom(c.getType())
          && c.getGenericType() instanceof ParameterizedType list
          && list.getActualTypeArguments()[0] instanceof Class<?> element) {
        for (int i = 0; i < node.get(key).size(); i++) {
          unknownKeys(node.get(key).get(i), element, path + key + "[" + i + "].", out);
        }
      } else {
        unknownKeys(node.get(key), c.getType(), path + key + ".", out);
      }
    });
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3; // further than two edits is not a typo
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? " (check its spelling)" : " (did you mean '" + best + "'?)";
  }

  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
            diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
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
