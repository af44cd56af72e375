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
        .contains("200000 uses:  epsilon = 0.6108, e^epsilon = 1.8419")
        .contains("most uses with e^epsilon <= 2 and delta <= 0.000100: 239826");
  }

  @Test
  void givesTheBudgetInDaysAndSaysWhyACurveStops(@TempDir Path dir) throws Exception {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      // Dialing noise whose delta alone exceeds the budget within a round: no curve to plot.
      exit = new CommandLine(new PrivacyCommand()).execute("--mu", "300000", "--b", "13800",
          "--dial-mu", "13000", "--dial-b", "7700", "--days", "1", "--slots", "2",
          "--out", dir.toString());
    } finally {
      System.setOut(stdout);
    }
    String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    assertThat(out).contains("86400 uses:") // a day of 2 s rounds at 2 slots
        .contains("how long the noise lasts")
        .contains("a conversation user stays within e^epsilon <= 2, delta <= 1e-4 for")
        .contains("a dialing user stays within e^epsilon <= 2, delta <= 1e-4 for only 0 rounds")
        .contains("beyond it the uses' own deltas exceed the delta budget");
  }

  @Test
  void refusesNoiseThatCannotBeAndSaysWhy(@TempDir Path dir) {
    CommandLine cli = new CommandLine(new PrivacyCommand());
    assertThat(cli.execute("--b", "0", "--out", dir.toString())).isEqualTo(2);
    assertThat(cli.execute("--delta", "2", "--out", dir.toString())).isEqualTo(2);
  }
}
