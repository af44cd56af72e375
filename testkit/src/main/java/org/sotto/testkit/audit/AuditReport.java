package org.sotto.testkit.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit found: one verdict per check, the readable table, and the JSON document
 * ({@code sotto audit --json}; docs/researcher-guide.md lists its fields).
 *
 * @param json the whole result, p-values that could not be computed as null
 * @param table the readable form, one section per check
 */
public record AuditReport(Map<String, Object> json, List<Check> checks, String table) {

  /** Thresholds: a p-value under these says the classes (or the noise, the shuffle) differ. */
  public static final double TIMING_MIN_P = 0.01;
  public static final double NOISE_MIN_P = 0.001;
  public static final double SHUFFLE_MIN_P = 0.001;

  /** One check: its name in the JSON's {@code checks}, whether it passed, and why in words. */
  public record Check(String name, boolean passed, String summary) {}

  public AuditReport {
    json = new LinkedHashMap<>(json);
    Map<String, Object> verdicts = new LinkedHashMap<>();
    checks.forEach(c -> verdicts.put(c.name(), c.passed()));
    json.put("checks", verdicts);
    json.put("passed", checks.stream().allMatch(Check::passed));
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** The check named {@code name}. */
  public Check check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no check named " + name));
  }

  /** A value of the JSON by its path, e.g. {@code "noise", "conversation_p"}. */
  public Object get(String... path) {
    Object at = json;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> m) || !m.containsKey(key)) {
        throw new IllegalArgumentException("no " + String.join(".", path) + " in the report");
      }
      at = m.get(key);
    }
    return at;
  }
}
