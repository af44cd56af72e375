package org.sotto.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.config.HostPort;
import org.sotto.testkit.cluster.ClusterFiles;
import org.sotto.testkit.cluster.ClusterInitializer;
import org.sotto.testkit.cluster.ClusterSpec;

/**
 * {@code config check} refuses a coordinator or mix whose 'listen' is not where the descriptor
 * tells its peers to connect: such a node starts cleanly and is never reached.
 */
class ListenAddressCheckTest {
  static final Path CONF = ReferenceConfigsTest.CONF;

  @Test
  void aMixListeningOnAnotherPortThanTheDescriptorsIsAProblemInWords(@TempDir Path dir)
      throws Exception {
    ClusterFiles files = cluster(dir);
    Path config = files.mixConfig(0);
    Files.copy(CONF.resolve("mixnode.yaml"), config, StandardCopyOption.REPLACE_EXISTING);
    assertThat(ConfigChecker.check(config, NodeRole.MIXNODE).problems()).isEmpty();

    Files.writeString(config, Files.readString(config)
        .replace("listen: 0.0.0.0:7001", "listen: 0.0.0.0:7101"));
    assertThat(ConfigChecker.check(config, NodeRole.MIXNODE).problems()).singleElement()
        .isEqualTo("listen: port 7101 differs from the descriptor, which tells peers to connect "
            + "to mix-1 at 127.0.0.1:7001; set 'listen' to port 7001 or correct the descriptor");
  }

  @Test
  void aCoordinatorListeningOnAnotherAddressThanTheDescriptorsIsAProblem(@TempDir Path dir)
      throws Exception {
    ClusterFiles files = cluster(dir);
    Path config = files.coordinatorConfig();
    Files.copy(CONF.resolve("coordinator.yaml"), config, StandardCopyOption.REPLACE_EXISTING);
    assertThat(ConfigChecker.check(config, NodeRole.COORDINATOR).problems()).isEmpty();

    Files.writeString(config, Files.readString(config)
        .replace("listen: 0.0.0.0:7000", "listen: 192.0.2.7:7000"));
    assertThat(ConfigChecker.check(config, NodeRole.COORDINATOR).problems()).singleElement()
        .asString().startsWith("listen: address 192.0.2.7 is not 127.0.0.1, where the "
            + "descriptor tells peers to connect to the coordinator;");
  }

  @Test
  void wildcardsAndNamesOfTheSameAddressMatch() {
    HostPort advertised = new HostPort("127.0.0.1", 7001);
    assertThat(ListenAddressCheck.problem("mix-1", new HostPort("0.0.0.0", 7001), advertised))
        .isEmpty();
    assertThat(ListenAddressCheck.problem("mix-1", new HostPort("::", 7001), advertised))
        .isEmpty();
    assertThat(ListenAddressCheck.problem("mix-1", new HostPort("127.0.0.1", 7001),
        new HostPort("localhost", 7001))).isEmpty();
    assertThat(ListenAddressCheck.problem("mix-1", new HostPort("127.0.0.1", 7002), advertised))
        .isPresent();
  }

  private static ClusterFiles cluster(Path dir) throws Exception {
    return ClusterInitializer.write(ClusterSpec.onOneHost("ref", "127.0.0.1", 3, 2, 7000, 2000,
        1, 10, 2), dir);
  }
}
