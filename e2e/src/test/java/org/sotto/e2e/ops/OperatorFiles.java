package org.sotto.e2e.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sotto.core.config.YamlConfig;

/** The operator files under deploy/ that name metrics: the Grafana dashboard, the alert rules. */
final class OperatorFiles {
  static final Path DEPLOY = Path.of(System.getProperty("sotto.deploy.dir", "."));
  private static final Pattern SERIES = Pattern.compile("([a-z_][a-z0-9_]*)\\{");

  private OperatorFiles() {}

  /** Every series name queried by the dashboard's panels and the alert rules. */
  static Set<String> dashboardMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    JsonNode dashboard = new ObjectMapper().readTree(
        DEPLOY.resolve("grafana/sotto-dashboard.json").toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        names.addAll(series(target.get("expr").asText()));
      }
    }
    Path rules = DEPLOY.resolve("prometheus/sotto-alerts.yaml");
    if (Files.exists(rules)) {
      for (JsonNode group : YamlConfig.mapper().readTree(rules.toFile()).get("groups")) {
        for (JsonNode rule : group.get("rules")) {
          names.addAll(series(rule.get("expr").asText()));
        }
      }
    }
    return names;
  }

  static Set<String> series(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher m = SERIES.matcher(expr);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
