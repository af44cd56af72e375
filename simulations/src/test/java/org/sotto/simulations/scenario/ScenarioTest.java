package org.sotto.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.config.ConfigException;

class ScenarioTest {

  @Test
  void theShippedScenariosLoad() {
    assertThat(Scenarios.reference().population().users()).isEqualTo(300);
    assertThat(Scenarios.reference().sotto().noiseMu()).isEqualTo(300_000);
    assertThat(Scenarios.small().rounds()).isEqualTo(600);
    assertThat(Scenarios.load("correlated-churn.yaml").churn().callShare()).isPositive();
    assertThat(Scenarios.load("default-noise.yaml").sotto().noiseB()).isEqualTo(10);
  }

  @Test
  void aBrokenScenarioSaysWhatToFix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, Files.readString(Path.of("scenarios", "small.yaml"))
        .replace("users: 100", "users: 101").replace("batch-size: 10", "batch-size: 1"));
    assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("users × contacts-per-user must be even")
        .hasMessageContaining("baseline.batch-size: at least 2");
  }

  @Test
  void aMisspeltKeyIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, Files.readString(Path.of("scenarios", "small.yaml"))
        .replace("batch-size:", "bach-size:"));
    // The misspelt key is named where it stands, with the keys that are known there.
    assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("baseline.bach-size").hasMessageContaining("batch-size");
  }

  @Test
  void aMissingKeyIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("missing.yaml");
    Files.writeString(file, Files.readString(Path.of("scenarios", "small.yaml"))
        .replace("  noise-b: 13800\n", "").replace("  mean-offline-rounds: 50\n", ""));
    assertThat(Files.readString(file)).doesNotContain("noise-b");
    // Not run with b = 0: each key left out is named.
    assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("sotto.noise-b: missing")
        .hasMessageContaining("churn.mean-offline-rounds: missing");
  }

  @Test
  void aMissingSectionIsNamedOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nosection.yaml");
    Files.writeString(file, Files.readString(Path.of("scenarios", "small.yaml"))
        .replaceAll("(?s)baseline:\n  batch-size: 10\n", ""));
    assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("baseline: missing")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("baseline.batch-size"));
  }
}
