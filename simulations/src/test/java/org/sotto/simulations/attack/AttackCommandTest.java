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
  void writesOneRowPerCheckpointAndContestWithPlotsAndSummary(@TempDir Path dir) throws Exception {
    int exit = new CommandLine(new AttackCommand()).execute("--scenario",
        "scenarios/small.yaml", "--out", dir.toString());
    assertThat(exit).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("attack.csv"));
    // 12 checkpoints × (baseline: 2 attacks, sotto: 3 attacks).
    assertThat(csv).hasSize(1 + 12 * 5);
    assertThat(csv.get(csv.size() - 5)).startsWith("600,baseline,statistical disclosure,1,");
    assertThat(dir.resolve("attack-success-vs-rounds.png")).isNotEmptyFile();
    assertThat(dir.resolve("anonymity-vs-rounds.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("| baseline | hitting set | 1 |");
  }

  @Test
  void aBrokenScenarioExitsWithTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "seed: 1\n");
    assertThat(new CommandLine(new AttackCommand()).execute("--scenario", bad.toString(),
        "--out", dir.toString())).isEqualTo(2);
  }
}
