package org.sotto.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake a user can make on the command line is answered with one sentence in words and
 * the conventional exit status (2 for usage, 1 for a failure); a stack trace or a Java type name
 * in what is printed fails the test. {@code --verbose} keeps the trace for developers.
 */
class ErrorsInWordsTest {
  /** What must never reach a user who did not ask for --verbose. */
  static final Pattern JAVA_INTERNALS = Pattern.compile(
      "\\bat [a-z]+\\.|Exception|org\\.sotto\\.|java\\.|javax\\.|com\\.fasterxml|io\\.grpc"
          + "|io\\.netty|Status\\{|`");

  @TempDir
  static Path dir;
  static Path cluster;

  record Run(int exit, String out, String err, long millis) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code sotto ARGS} in this JVM as bin/sotto would, keeping what it printed. */
  static synchronized Run sotto(String... args) {
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Sotto.commandLine().execute(args);
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
  }

  static void assertInWords(Run run, int exit, String says) {
    assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
    assertThat(run.all()).as(run.toString()).contains(says);
    assertThat(JAVA_INTERNALS.matcher(run.all()).find())
        .as("no stack trace or Java type name in:\n" + run).isFalse();
  }

  @BeforeAll
  static void aCluster() {
    cluster = dir.resolve("cluster");
    Run init = sotto("cluster", "init", "--out", cluster.toString(), "--mixnodes", "1",
        "--deaddrops", "1", "--base-port", "17300");
    assertThat(init.exit()).as(init.toString()).isZero();
  }

  @Test
  void aHealthAddressWithoutPortIsAUsageError() {
    Run run = sotto("health", "localhost");
    assertInWords(run, 2, "'localhost' is not host:port");
    assertThat(run.err()).contains("sotto health --help");
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithASuggestion() {
    Run run = sotto("cluster", "init", "--out", dir.resolve("new").toString(), "--mixnode", "3");
    assertInWords(run, 2, "Unknown option");
    assertThat(run.err()).contains("--mixnodes");
  }

  @Test
  void initIntoAFolderHoldingAClusterSaysChooseAnother() {
    assertInWords(sotto("cluster", "init", "--out", cluster.toString()), 1,
        "already holds a cluster; choose an empty folder");
  }

  @Test
  void aServerWithABrokenConfigSaysWhatIsWrongAndHowToCheck() throws Exception {
    Path badYaml = dir.resolve("bad.yaml");
    Files.writeString(badYaml, "listen: [1\n");
    Run mix = sotto("mixnode", "--config", badYaml.toString());
    assertInWords(mix, 1, "not valid YAML at line");
    assertThat(mix.err()).contains("sotto config check " + badYaml);

    Path badPort = dir.resolve("coordinator-bad-port.yaml");
    Files.writeString(badPort, Files.readString(cluster.resolve("coordinator/coordinator.yaml"))
        .replaceFirst("listen: \\S+", "listen: 127.0.0.1:99999"));
    assertInWords(sotto("coordinator", "--config", badPort.toString()), 1,
        "port 99999 is outside 0..65535");
    assertInWords(sotto("coordinator", "--config", dir.resolve("missing.yaml").toString()), 1,
        "cannot read the file");
  }

  @Test
  void configCheckNamesABadPortAndAWrongTypeInWords() throws Exception {
    Path deadDrop = cluster.resolve("deaddrop-1/deaddrop.yaml");
    String good = Files.readString(deadDrop);
    Path badPort = cluster.resolve("deaddrop-1/bad-port.yaml");
    Files.writeString(badPort, good.replaceFirst("listen: \\S+", "listen: 127.0.0.1:http"));
    assertInWords(sotto("config", "check", badPort.toString()), 1,
        "listen: '127.0.0.1:http' does not end in a port number");
    Path wrongType = cluster.resolve("deaddrop-1/wrong-type.yaml");
    Files.writeString(wrongType, good.replace("max-batch: 2000000", "max-batch: lots"));
    assertInWords(sotto("config", "check", wrongType.toString()), 1,
        "max-batch: 'lots' is not a whole number");
    Path wrongSection = cluster.resolve("deaddrop-1/wrong-section.yaml");
    Files.writeString(wrongSection, good.replaceFirst("tls:\\n(  .*\\n)+", "tls: yes\n"));
    assertInWords(sotto("config", "check", wrongSection.toString()), 1, "tls: expected ");
  }

  @Test
  void aPortInUseIsNamedAndTheServerExitsAtOnce() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path config = cluster.resolve("deaddrop-1/port-taken.yaml");
      Files.writeString(config, Files.readString(cluster.resolve("deaddrop-1/deaddrop.yaml"))
          .replaceFirst("listen: \\S+", "listen: 127.0.0.1:" + taken.getLocalPort()));
      Run run = sotto("deaddrop", "--config", config.toString());
      assertInWords(run, 1, "cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": another program uses that port");
      assertThat(run.millis()).as("fails fast, not after a grace period").isLessThan(5_000);
    }
  }

  @Test
  void verboseKeepsTheTraceForDevelopers() {
    Run run = sotto("--verbose", "cluster", "init", "--out", cluster.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("already holds a cluster").containsPattern("\\bat org\\.sotto\\.");
    Run quiet = sotto("cluster", "init", "--out", cluster.toString());
    assertThat(quiet.err()).contains("run again with --verbose");
  }

  @Test
  void theExitStatusesAreListedInHelp() {
    Run help = sotto("--help");
    assertThat(help.out()).contains("Exit status:").containsPattern("2\\s+the command line is wrong")
        .contains("--verbose");
  }
}
