package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command's numbers are checked against the Vuvuzela paper's formulas (van den Hooff et al.,
 * SOSP 2015, §6: one round is (4/b, e^((2 − mu)/b))-private; rounds compose by the advanced
 * composition theorem, Dwork and Roth 2014, Theorem 3.20), computed here, and the most rounds
 * within the target by walking k up one round at a time, not by the code under test.
 */
class PrivacyCommandTest {
  private static final double MU = 300_000;
  private static final double B = 13_800;
  private static final double DELTA = 1e-4;

  /** The paper's bound after k rounds; infinite when the rounds' own deltas use up the budget. */
  private static double paperEpsilon(long k) {
    double eps = 4 / B;
    double slack = DELTA - k * Math.exp((2 - MU) / B);
    return slack <= 0 ? Double.POSITIVE_INFINITY
        : Math.sqrt(2 * k * Math.log(1 / slack)) * eps + k * eps * (Math.exp(eps) - 1);
  }

  @Test
  void writesTheCurveThePlotTheCostAndASummaryWithThePapersNumbers(@TempDir Path dir)
      throws Exception {
    double at200k = paperEpsilon(200_000);
    long most = 1;
    while (paperEpsilon(most + 1) <= Math.log(2)) {
      most++;
    }

    int exit = new CommandLine(new PrivacyCommand()).execute("--mu", "300000", "--b", "13800",
        "--rounds", "200000", "--delta", "1e-4", "--out", dir.toString());
    assertThat(exit).isZero();
    assertThat(dir.resolve("epsilon-vs-rounds.png")).isNotEmptyFile();
    assertThat(Files.readAllLines(dir.resolve("privacy.csv")).get(0))
        .isEqualTo("protocol,rounds,epsilon,exp_epsilon,delta,rule");
    assertThat(Files.readAllLines(dir.resolve("cost.csv"))).hasSize(1 + 3 + 1);
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains(String.format(Locale.ROOT, "200000 uses:  epsilon = %.4f, e^epsilon = %.4f",
            at200k, Math.exp(at200k)))
        .contains("most uses with e^epsilon <= 2 and delta <= 0.000100: " + most
            + " (advanced composition)")
        .contains("by the privacy-loss distribution:");
    assertThat(most).as("the paper's claim: 200,000 rounds fit").isGreaterThanOrEqualTo(200_000);
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
  void dialingNoiseWithNoFeasibleRoundStillWritesItsReport(@TempDir Path dir) throws Exception {
    // Once crashed drawing a chart with no dialing curve (PrivacyReport → Chart).
    int exit = new CommandLine(new PrivacyCommand()).execute("--dial-mu", "13000", "--dial-b",
        "7700", "--out", dir.toString());
    assertThat(exit).isZero();
    assertThat(dir.resolve("epsilon-vs-rounds.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("(privacy-loss distribution, tight)")
        .contains("no epsilon within delta");
  }

  @Test
  void refusesNoiseThatCannotBeAndSaysWhy(@TempDir Path dir) {
    CommandLine cli = new CommandLine(new PrivacyCommand());
    assertThat(cli.execute("--b", "0", "--out", dir.toString())).isEqualTo(2);
    assertThat(cli.execute("--delta", "2", "--out", dir.toString())).isEqualTo(2);
  }
}
