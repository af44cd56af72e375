package org.sotto.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every key of the target record (and of the records nested in it) that a YAML tree leaves
 * out. For files whose every key is required, such as simulation scenarios: there a missing number
 * must not read as 0, because 0 is a meaningful value (no noise, no churn) and a run would
 * silently measure something else than the file's author meant.
 */
final class MissingKeys {
  private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB =
      new PropertyNamingStrategies.KebabCaseStrategy();

  private MissingKeys() {}

  static List<String> find(JsonNode tree, Class<?> type) {
    List<String> problems = new ArrayList<>();
    walk(tree, type, "", problems);
    return problems;
  }

  private static void walk(JsonNode node, Class<?> type, String path, List<String> problems) {
    for (RecordComponent rc : type.getRecordComponents()) {
      String key = KEBAB.translate(rc.getName());
      String at = path.isEmpty() ? key : path + "." + key;
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        problems.add(at + ": missing; every key of this file is required (no default applies)");
      } else if (rc.getType().isRecord() && value.isObject()) {
        walk(value, rc.getType(), at, problems);
      }
    }
  }
}
