package org.sotto.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.core.config.YamlConfig;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.testkit.cluster.ClusterFiles;
import org.sotto.testkit.cluster.ClusterInitializer;
import org.sotto.testkit.cluster.ClusterSpec;
import org.sotto.mixnode.MixNodeConfig;

/**
 * The reference configs shipped in conf/: each has exactly the keys its config record reads,
 * every key has a comment just above it, the check tells each one's role from its keys, and each
 * passes the check where the files it names exist (the layout 'sotto cluster init' writes).
 */
class ReferenceConfigsTest {
  static final Path CONF = Path.of("src/dist/conf");

  @ParameterizedTest
  @CsvSource({"coordinator.yaml, org.sotto.coordinator.CoordinatorConfig",
      "mixnode.yaml, org.sotto.mixnode.MixNodeConfig",
      "deaddrop.yaml, org.sotto.deaddrop.DeadDropConfig"})
  void everyKeyOfTheRecordIsThereAndCommented(String file, Class<?> record) throws Exception {
    JsonNode tree = YamlConfig.mapper().readTree(CONF.resolve(file).toFile());
    assertThat(flatKeys(tree, "")).isEqualTo(recordKeys(record, ""));

    List<String> lines = Files.readAllLines(CONF.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.matches("^\\s*[a-z-]+:.*")) {
        assertThat(lines.get(i - 1).trim()).as("comment above '" + line.trim() + "' in " + file)
            .startsWith("#");
      }
    }
  }

  @Test
  void theCheckTellsEachRoleFromItsKeys() throws Exception {
    assertThat(detect("coordinator.yaml")).contains(NodeRole.COORDINATOR);
    assertThat(detect("mixnode.yaml")).contains(NodeRole.MIXNODE);
    assertThat(detect("deaddrop.yaml")).contains(NodeRole.DEADDROP);
    assertThat(NodeRole.detect(Set.of("signing-key", "max-clients"))).isEmpty();
    assertThat(NodeRole.detect(Set.of("whatever"))).isEmpty();
  }

  @Test
  void referenceConfigsPassWhereTheirFilesExist(@TempDir Path dir) throws Exception {
    ClusterFiles files = ClusterInitializer.write(ClusterSpec.onOneHost("ref", "127.0.0.1", 3, 2,
        7000, 2000, 1, 10, 2), dir);
    Files.copy(CONF.resolve("coordinator.yaml"), files.coordinatorConfig(),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(CONF.resolve("mixnode.yaml"), files.mixConfig(0),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(CONF.resolve("deaddrop.yaml"), files.deadDropConfig(0),
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(ConfigChecker.check(files.coordinatorConfig(), NodeRole.COORDINATOR).problems())
        .isEmpty();
    assertThat(ConfigChecker.check(files.mixConfig(0), NodeRole.MIXNODE).problems()).isEmpty();
    assertThat(ConfigChecker.check(files.deadDropConfig(0), NodeRole.DEADDROP).problems())
        .isEmpty();
    // and they load as the servers load them
    assertThat(CoordinatorConfig.load(files.coordinatorConfig()).metrics().port()).isEqualTo(9100);
    assertThat(MixNodeConfig.load(files.mixConfig(0)).health().port()).isEqualTo(7071);
    assertThat(DeadDropConfig.load(files.deadDropConfig(0)).name()).isEqualTo("deaddrop-1");

    // a session-ticket key that is not the descriptor's would mint tickets no session can use
    org.sotto.core.ticket.TicketIssuerKey.generate(new java.security.SecureRandom())
        .write(files.coordinatorConfig().resolveSibling("session-tickets.key"));
    assertThat(ConfigChecker.check(files.coordinatorConfig(), NodeRole.COORDINATOR).problems())
        .singleElement().asString().contains("is not the key of the descriptor's");

    // the reference mix config in another mix's folder: the key does not match its name
    Files.copy(CONF.resolve("mixnode.yaml"), files.mixConfig(1),
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(ConfigChecker.check(files.mixConfig(1), NodeRole.MIXNODE).problems())
        .singleElement().asString().contains("does not match the descriptor's key for mix-1");
  }

  @Test
  void clashingOperatorPortsAreReported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deaddrop.yaml");
    Files.writeString(file, Files.readString(CONF.resolve("deaddrop.yaml"))
        .replace("metrics: 127.0.0.1:9104", "metrics: 127.0.0.1:7004"));
    assertThat(ConfigChecker.check(file, NodeRole.DEADDROP).problems())
        .anySatisfy(p -> assertThat(p).startsWith("metrics: port 7004 is the gRPC 'listen' port"));
  }

  @Test
  void everyMisspeltKeyIsReportedAtOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mixnode.yaml");
    Files.writeString(file, Files.readString(CONF.resolve("mixnode.yaml"))
        .replace("signing-key:", "singing-key:").replace("certificate: tls.crt", "certficate: tls.crt")
        .replace("workers:", "wrokers:"));
    assertThat(ConfigChecker.check(file, NodeRole.MIXNODE).problems()).hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("singing-key: not a known key"))
        .anySatisfy(p -> assertThat(p).startsWith("tls.certficate: not a known key"))
        .anySatisfy(p -> assertThat(p).startsWith("wrokers: not a known key"));
  }

  private static java.util.Optional<NodeRole> detect(String file) throws Exception {
    Set<String> keys = new HashSet<>();
    YamlConfig.mapper().readTree(CONF.resolve(file).toFile()).fieldNames()
        .forEachRemaining(keys::add);
    return NodeRole.detect(keys);
  }

  /** Keys a record reads, kebab-case, nested records as parent.child. */
  static Set<String> recordKeys(Class<?> type, String prefix) {
    Set<String> keys = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
      if (c.getType().isRecord() && !c.getType().getSimpleName().equals("HostPort")) {
        keys.addAll(recordKeys(c.getType(), key + "."));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  static Set<String> flatKeys(JsonNode node, String prefix) {
    Set<String> keys = new TreeSet<>();
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        keys.addAll(flatKeys(e.getValue(), prefix + e.getKey() + "."));
      } else {
        keys.add(prefix + e.getKey());
      }
    });
    return keys;
  }
}
