package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrivacyCommandTest {

  @Test
  void writesTheCurveThePlotTheCostAndASummaryWithThePapersNumbers(@TempDir Path dir)
      throws Exception {
    int exit = new CommandLine(new PrivacyCommand()).execute("--mu", "300000", "--b", "13800",
        "--rounds", "200000", "--delta", "1e-4", "--out", dir.toString());
    assertThat(exit).isZero();
    assertThat(dir.resolve("epsilon-vs-rounds.png")).isNotEmptyFile();
    assertThat(Files.readAllLines(dir.resolve("privacy.csv")).get(0))
        .isEqualTo("protocol,rounds,epsilon,exp_epsilon,delta,rule");
    assertThat(Files.readAllLines(dir.resolve("cost.csv"))).hasSize(1 + 3 + 1);
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("200000 rounds:  epsilon = 0.6108, e^epsilon = 1.8419")
        .contains("most rounds with e^epsilon <= 2 and delta <= 0.000100: 239826");
  }

  @Test
  void refusesNoiseThatCannotBeAndSaysWhy(@TempDir Path dir) {
    CommandLine cli = new CommandLine(new PrivacyCommand());
    assertThat(cli.execute("--b", "0", "--out", dir.toString())).isEqualTo(2);
    assertThat(cli.execute("--delta", "2", "--out", dir.toString())).isEqualTo(2);
  }
}
