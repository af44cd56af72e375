package org.sotto.launcher.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sotto audit} end to end on a short run of 400 ms rounds: the JSON carries every field
 * the researcher guide lists, and the checks the current code passes do pass. Timing and
 * directory calls are reported but not asserted here: they measure the client, and
 * {@code AuditTest} shows each fails when its leak is there.
 */
class AuditCommandTest {

  @Test
  void aShortRunOnTheRealClusterReportsEveryCheckAndPassesWireNoiseAndShuffle(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("audit.json");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setOut(new PrintWriter(out, true));
    // Rounds long enough that a busy machine does not push submissions past the window.
    int exit = cli.execute("--rounds", "60", "--round-interval-ms", "400",
        "--dialing-interval-ms", "800", "--mixnodes", "2", "--json", json.toString());

    String why = out.toString();
    System.out.print(why); // the table, for whoever reads the test's output

    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.get("rounds").asInt()).as(why).isEqualTo(60);
    assertThat(r.at("/wire/submissions_identical").asBoolean()).as(why).isTrue();
    assertThat(r.at("/wire/identical").isBoolean()).isTrue();
    assertThat(r.at("/timing/ks_p").isNumber()).as(why).isTrue();
    assertThat(r.at("/timing/mann_whitney_p").isNumber()).as(why).isTrue();
    assertThat(r.get("directory_lookups_during_dialing").isInt()).isTrue();
    assertThat(r.at("/directory/dials").asInt()).as("the dialing clients dialed").isPositive();
    assertThat(r.at("/noise/conversation_p").asDouble()).as(why).isGreaterThanOrEqualTo(0.001);
    assertThat(r.at("/noise/dialing_p").asDouble()).as(why).isGreaterThanOrEqualTo(0.001);
    assertThat(r.get("shuffle_p").asDouble()).as(why).isGreaterThanOrEqualTo(0.001);
    assertThat(r.get("passed").asBoolean()).isEqualTo(exit == 0);
    assertThat(exit).as(why).isIn(0, 1);
    assertThat(why).contains("checks", "wire", "timing", "directory", "noise", "shuffle");
  }

  @Test
  void anOddNumberOfClientsIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("--clients-per-class", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("--clients-per-class must be an even number");
  }
}
