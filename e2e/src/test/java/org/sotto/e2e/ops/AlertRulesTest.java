package org.sotto.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sotto.core.config.YamlConfig;

/**
 * The shipped Prometheus rules parse as YAML in Prometheus's rule-file shape, every rule is
 * complete, and a node that stops answering scrapes ({@code up == 0}) pages someone. That the
 * Sotto series they query exist is MetricsEndToEndTest's job.
 */
class AlertRulesTest {

  @Test
  void theRulesAreValidYamlWithEveryFieldAndAlertOnANodeDown() throws Exception {
    JsonNode file = YamlConfig.mapper().readTree(
        OperatorFiles.DEPLOY.resolve("prometheus/sotto-alerts.yaml").toFile());
    assertThat(file.get("groups").isArray()).isTrue();
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : file.get("groups")) {
      assertThat(group.get("name").asText()).isNotBlank();
      group.get("rules").forEach(rules::add);
    }
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.get("alert").asText()).startsWith("Sotto");
      assertThat(rule.get("expr").asText()).isNotBlank();
      assertThat(rule.get("labels").get("severity").asText()).isIn("page", "ticket");
      assertThat(rule.get("annotations").get("summary").asText()).isNotBlank();
    });
    assertThat(rules).filteredOn(rule -> rule.get("expr").asText().equals("up == 0"))
        .singleElement().satisfies(down -> {
          assertThat(down.get("labels").get("severity").asText()).isEqualTo("page");
          assertThat(down.get("annotations").get("summary").asText()).contains("$labels.instance");
        });
    assertThat(rules).extracting(rule -> rule.get("expr").asText())
        .anySatisfy(expr -> assertThat(expr).contains("sotto_dialing_rounds_aborted_total"));
  }
}
