package org.sotto.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.SigningKeyFile;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.launcher.Sotto;
import org.sotto.mixnode.MixNodeConfig;
import picocli.CommandLine;

class ClusterInitTest {

  private static int run(String... args) {
    CommandLine cmd = new CommandLine(new Sotto());
    cmd.setErr(new PrintWriter(new StringWriter()));
    return cmd.execute(args);
  }

  @Test
  void writesAConsistentClusterWithPrivateKeysReadableOnlyByTheOwner(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("c");
    assertThat(run("cluster", "init", "--mixnodes", "3", "--deaddrops", "2", "--out",
        out.toString())).isZero();

    ClusterDescriptor d = ClusterDescriptor.load(out.resolve("descriptor.yaml"));
    assertThat(d.mixes()).hasSize(3);
    assertThat(d.deadDrops()).hasSize(2);
    for (int i = 0; i < 3; i++) {
      MixNodeConfig m = MixNodeConfig.load(out.resolve("mix-" + (i + 1) + "/mixnode.yaml"));
      assertThat(d.positionOf(m.name())).isEqualTo(i);
      assertThat(Ecdsa.publicKey(SigningKeyFile.read(m.signingKey())))
          .as("the descriptor pins each mix's signing key")
          .isEqualTo(d.mixes().get(i).signingKeyBytes());
      assertThat(Files.getPosixFilePermissions(m.signingKey()))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE);
      assertThat(Files.getPosixFilePermissions(m.tls().privateKey()))
          .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
    DeadDropConfig.load(out.resolve("deaddrop-2/deaddrop.yaml"));
    CoordinatorConfig c = CoordinatorConfig.load(out.resolve("coordinator/coordinator.yaml"));
    assertThat(c.listen()).isEqualTo(d.coordinator());
    assertThat(c.dataDir()).as("accounts live next to the coordinator's config")
        .isEqualTo(out.resolve("coordinator/data").toAbsolutePath().normalize());
  }

  @Test
  void refusesToOverwriteAnExistingCluster(@TempDir Path dir) {
    assertThat(run("cluster", "init", "--out", dir.toString())).isZero();
    assertThat(run("cluster", "init", "--out", dir.toString())).isNotZero();
  }

  @Test
  void aConfigWithMistakesNamesEachOne(@TempDir Path dir) throws Exception {
    run("cluster", "init", "--out", dir.toString());
    Path config = dir.resolve("mix-1/mixnode.yaml");
    String yaml = Files.readString(config).replace("max-batch:", "max-bach:");
    Files.writeString(config, yaml);
    assertThatThrownBy(() -> MixNodeConfig.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max-bach").hasMessageContaining("not a known key");

    Files.writeString(config, "name: mix-1\nworkers: -3\n");
    assertThatThrownBy(() -> MixNodeConfig.load(config))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anyMatch(p -> p.startsWith("workers:"))
            .anyMatch(p -> p.startsWith("listen:"))
            .anyMatch(p -> p.startsWith("descriptor:")));
  }

  @Test
  void aNodeRefusesASigningKeyThatIsNotTheOneInTheDescriptor(@TempDir Path dir)
      throws Exception {
    run("cluster", "init", "--out", dir.toString());
    Files.copy(dir.resolve("mix-2/signing.key"), dir.resolve("mix-1/signing.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> org.sotto.mixnode.MixNodeServer.start(
        MixNodeConfig.load(dir.resolve("mix-1/mixnode.yaml"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not match");
    assertThat(Arrays.asList(dir.toFile().list())).contains("descriptor.yaml");
  }

  /** Runs {@code sotto ARGS} and keeps what it printed on standard output. */
  private static String printed(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(run(args)).isZero();
    } finally {
      System.setOut(stdout);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * e^epsilon of a conversation after k rounds, by advanced composition (Dwork, Rothblum and
   * Vadhan 2010) of the Vuvuzela conversation bound (epsilon 4/b, delta e^((2 − mu)/b)), written
   * out here rather than taken from the accountant.
   */
  private static double conversationExpEpsilon(double mu, double b, long k) {
    double eps = 4 / b;
    double slack = 1e-4 - k * Math.exp((2 - mu) / b);
    return slack <= 0 ? Double.POSITIVE_INFINITY
        : Math.exp(Math.sqrt(2 * k * Math.log(1 / slack)) * eps + k * eps * Math.expm1(eps));
  }

  @Test
  void theDefaultNoiseProtectsADayOfConversationAndSaysSo(@TempDir Path dir) throws Exception {
    String out = printed("cluster", "init", "--out", dir.resolve("c").toString());
    ClusterDescriptor d = ClusterDescriptor.load(dir.resolve("c/descriptor.yaml"));
    assertThat(conversationExpEpsilon(d.noise().mu(), d.noise().b(), 43_200))
        .as("a day of 2 s rounds at e^epsilon <= 2, delta <= 1e-4").isLessThanOrEqualTo(2.0001);
    assertThat(out).contains("a conversation stays within e^epsilon <= 2, delta <= 1e-4 for 1.0 days")
        .contains("a user's dialing stays within").doesNotContain("warning");
  }

  @Test
  void lightNoiseIsWrittenAsAskedWithAWarning(@TempDir Path dir) throws Exception {
    String out = printed("cluster", "init", "--out", dir.resolve("c").toString(),
        "--noise-mu", "100", "--noise-b", "10");
    ClusterDescriptor d = ClusterDescriptor.load(dir.resolve("c/descriptor.yaml"));
    assertThat(d.noise().mu()).isEqualTo(100);
    assertThat(conversationExpEpsilon(100, 10, 2)).isGreaterThan(2);
    assertThat(out).contains("for only 1 round (2 seconds)")
        .contains("warning: this conversation noise protects less than a day of use");
    assertThat(run("cluster", "init", "--out", dir.resolve("d").toString(), "--noise-mu", "100"))
        .as("mu without b").isEqualTo(2);
  }
}
