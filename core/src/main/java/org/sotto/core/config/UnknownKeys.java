package org.sotto.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every key in a YAML tree that the target record (or a record nested in it, or in a list of
 * them) does not have, so a file with several typos gets all of them reported at once.
 */
final class UnknownKeys {
  private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB =
      new PropertyNamingStrategies.KebabCaseStrategy();

  private UnknownKeys() {}

  static List<String> find(JsonNode tree, Class<?> type) {
    List<String> problems = new ArrayList<>();
    walk(tree, type, "", problems);
    return problems;
  }

  private static void walk(JsonNode node, Type type, String path, List<String> problems) {
    if (type instanceof ParameterizedType p && node.isArray()
        && p.getRawType() == List.class) {
      int i = 0;
      for (JsonNode element : node) {
        walk(element, p.getActualTypeArguments()[0], path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (!(type instanceof Class<?> c) || !c.isRecord() || !node.isObject()) {
      return;
    }
    Map<String, Type> known = new LinkedHashMap<>();
    for (RecordComponent rc : c.getRecordComponents()) {
      known.put(KEBAB.translate(rc.getName()), rc.getGenericType());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      Type child = known.get(field.getKey());
      if (child == null) {
        problems.add(at + ": not a known key (check its spelling; known here: "
            + String.join(", ", known.keySet()) + ")");
      } else {
        walk(field.getValue(), child, at, problems);
      }
    }
  }
}
