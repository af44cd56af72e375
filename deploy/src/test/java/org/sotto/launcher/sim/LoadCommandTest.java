package org.sotto.launcher.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.testkit.cluster.LocalCluster;
import picocli.CommandLine;

/** Small load runs against real local clusters: a few bots, a few rounds of 500 ms. */
class LoadCommandTest {

  @Test
  void tenUsersOnTheLocalClusterDeliverEverythingAndLeaveAResultsFolder(@TempDir Path dir)
      throws Exception {
    int exit = new CommandLine(new LoadCommand()).execute("--users", "10", "--warmup", "1",
        "--rounds", "3", "--round-interval-ms", "500", "--out", dir.toString());
    assertThat(exit).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("load.csv"));
    assertThat(csv).hasSize(2);
    String[] header = csv.get(0).split(",");
    String[] row = csv.get(1).split(",");
    assertThat(row[0]).isEqualTo("10");
    assertThat(row[List.of(header).indexOf("warmup_rounds")]).isEqualTo("1");
    assertThat(row[List.of(header).indexOf("rounds")]).isEqualTo("3");
    assertThat(Long.parseLong(row[List.of(header).indexOf("delivered")])).isPositive();
    assertThat(row[List.of(header).indexOf("lost")]).isEqualTo("0");
    assertThat(Long.parseLong(row[List.of(header).indexOf("latency_p50_ms")])).isPositive();
    assertThat(Double.parseDouble(row[List.of(header).indexOf("cpu_cores")])).isPositive();
    assertThat(dir.resolve("latency-vs-users.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("summary.md")))
        .contains("3 measured rounds per point after 1 warm-up rounds (excluded)");
  }

  /**
   * The cluster's coordinator stops as soon as the first level's row is on disk: the second level
   * fails, in one sentence without a stack trace, and the first level's results stay.
   */
  @Test
  void aFailedLevelEndsTheSweepInWordsAndKeepsTheLevelsBeforeIt(@TempDir Path dir)
      throws Exception {
    Path results = dir.resolve("results");
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 1, 500, 1, 5, 1)) {
      Thread outage = new Thread(() -> {
        try {
          while (!Files.exists(results.resolve("load.csv"))) {
            Thread.sleep(20);
          }
          cluster.coordinator().close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "coordinator-outage");
      outage.setDaemon(true);
      outage.start();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new LoadCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute("--descriptor", cluster.files().descriptor().toString(),
          "--sweep", "4,6", "--warmup", "1", "--rounds", "2", "--round-timeout-s", "2",
          "--out", results.toString());
      outage.join(10_000);

      assertThat(exit).as(out + "\n" + err).isEqualTo(1);
      assertThat(err.toString().strip()).startsWith("the level of 6 users failed: no round "
              + "finished for").contains("the 1 level(s) measured before it are in "
              + results.toAbsolutePath())
          .doesNotContain("\tat ").doesNotContain("Exception").hasLineCount(1);
      List<String> csv = Files.readAllLines(results.resolve("load.csv"));
      assertThat(csv).hasSize(2);
      assertThat(csv.get(1)).startsWith("4,1,2,");
      assertThat(results.resolve("latency-vs-users.png")).isNotEmptyFile();
    }
  }
}
