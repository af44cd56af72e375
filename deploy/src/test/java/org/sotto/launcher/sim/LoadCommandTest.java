package org.sotto.launcher.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A small load run against a real local cluster: 10 bots, 3 rounds of 500 ms. */
class LoadCommandTest {

  @Test
  void tenUsersOnTheLocalClusterDeliverEverythingAndLeaveAResultsFolder(@TempDir Path dir)
      throws Exception {
    int exit = new CommandLine(new LoadCommand()).execute("--users", "10", "--rounds", "3",
        "--round-interval-ms", "500", "--out", dir.toString());
    assertThat(exit).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("load.csv"));
    assertThat(csv).hasSize(2);
    String[] header = csv.get(0).split(",");
    String[] row = csv.get(1).split(",");
    assertThat(row[0]).isEqualTo("10");
    assertThat(Long.parseLong(row[List.of(header).indexOf("delivered")])).isPositive();
    assertThat(row[List.of(header).indexOf("lost")]).isEqualTo("0");
    assertThat(Long.parseLong(row[List.of(header).indexOf("latency_p50_ms")])).isPositive();
    assertThat(Double.parseDouble(row[List.of(header).indexOf("cpu_cores")])).isPositive();
    assertThat(dir.resolve("latency-vs-users.png")).isNotEmptyFile();
    assertThat(dir.resolve("summary.md")).isNotEmptyFile();
  }
}
