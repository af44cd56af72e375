package org.sotto.simulations.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AttackCommandTest {

  @Test
  void writesOneRowPerCheckpointAndContestWithPlotsSummaryAndJson(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("attack.json");
    int exit = new CommandLine(new AttackCommand()).execute("--scenario",
        "scenarios/small.yaml", "--out", dir.toString(), "--json", json.toString());
    assertThat(exit).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("attack.csv"));
    // 12 checkpoints × (baseline: 2 attacks, sotto: 5 attacks).
    assertThat(csv).hasSize(1 + 12 * 7);
    assertThat(csv.get(1)).startsWith("1,50,baseline,statistical disclosure,");
    assertThat(dir.resolve("success-baseline.png")).isNotEmptyFile();
    assertThat(dir.resolve("success-sotto.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("| baseline | hitting set |");
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    var attacks = tree.get("attacks");
    assertThat(attacks).hasSize(7);
    var first = attacks.get(0);
    assertThat(first.get("system").asText()).isEqualTo("baseline");
    assertThat(first.get("attack").asText()).isEqualTo("statistical disclosure");
    assertThat(first.get("success")).hasSize(12);
    assertThat(first.get("success").get(11).get(0).asLong()).isEqualTo(600);
    assertThat(first.get("final_success").asDouble()).isEqualTo(1.0);
    assertThat(first.get("chance").asDouble()).isCloseTo(3.0 / 99,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(first.get("ci95")).hasSize(2);
    assertThat(attacks.get(2).get("system").asText()).isEqualTo("sotto");
  }

  @Test
  void aBrokenScenarioExitsWithTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "seed: 1\n");
    assertThat(new CommandLine(new AttackCommand()).execute("--scenario", bad.toString(),
        "--out", dir.toString())).isEqualTo(2);
  }
}
