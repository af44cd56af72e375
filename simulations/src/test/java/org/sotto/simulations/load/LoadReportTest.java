package org.sotto.simulations.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load plot does not exaggerate: its y axis starts at 0 and it says what each point is. */
class LoadReportTest {

  private static LoadPoint point(int users, long p50) {
    return new LoadPoint(users, 3, 30, 0, Map.of("p50", p50, "p90", p50 + 10, "p99", p50 + 20),
        Map.of(), 100, 60, 60, 0, 0, Double.NaN);
  }

  @Test
  void thePlotStartsAtZeroAndStatesTheRoundsBehindEachPoint(@TempDir Path dir) throws Exception {
    LoadReport report = new LoadReport("local", List.of(point(10, 1400), point(50, 1380)));
    assertThat(report.chart().startsYAtZero()).isTrue();
    assertThat(report.chart().title())
        .contains("30 measured rounds per point after 3 warm-up rounds (excluded)");
    report.write(dir);
    assertThat(Files.readAllLines(dir.resolve("load.csv")).get(0))
        .startsWith("users,warmup_rounds,rounds,");
    assertThat(dir.resolve("latency-vs-users.png")).isNotEmptyFile();
  }
}
