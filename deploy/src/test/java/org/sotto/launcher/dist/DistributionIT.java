package org.sotto.launcher.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tarball as an operator gets it: unpacked, run through its own bin/sotto with a
 * bare environment, for the version, the config checks, completion and a short demo.
 */
class DistributionIT {
  @TempDir
  static Path unpacked;
  static Path home;
  static final String VERSION = System.getProperty("sotto.version");

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("sotto.distribution"));
    assertThat(tarball).as("./mvnw package makes the tarball").exists();
    Command tar = Command.run(unpacked, Map.of(), 60, "tar", "xzf", tarball.toString());
    assertThat(tar.exit()).as(tar.toString()).isZero();
    home = unpacked.resolve("sotto-" + VERSION);
  }

  private static Command sotto(Map<String, String> env, long timeout, String... args)
      throws Exception {
    String[] argv = new String[args.length + 1];
    argv[0] = home.resolve("bin/sotto").toString();
    System.arraycopy(args, 0, argv, 1, args.length);
    return Command.run(home, env, timeout, argv);
  }

  @Test
  void theTarballHasTheLauncherLibrariesConfigsAndCompletion() throws Exception {
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/sotto")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.readString(home.resolve("bin/sotto"))).startsWith("#!/bin/sh\n");
    assertThat(home.resolve("lib/sotto.jar")).exists();
    assertThat(home.resolve("conf/coordinator.yaml")).exists();
    assertThat(home.resolve("conf/mixnode.yaml")).exists();
    assertThat(home.resolve("conf/deaddrop.yaml")).exists();
    assertThat(home.resolve("docs/operator-guide.md")).exists();
    assertThat(home.resolve("share/systemd/sotto-mixnode@.service")).exists();
    assertThat(home.resolve("share/grafana/sotto-dashboard.json")).exists();
    assertThat(home.resolve("share/prometheus/sotto-alerts.yaml")).exists();
    String completion = Files.readString(home.resolve("share/bash-completion/completions/sotto"));
    assertThat(completion).contains("complete -F").contains("mixnode").contains("check");
  }

  @Test
  void theReadmeIsTheOperatorsOneStartingFromBinSotto() throws Exception {
    String readme = Files.readString(home.resolve("README.md"));
    assertThat(readme).as("an operator has no source tree to build").doesNotContain("mvnw")
        .doesNotContain("./sotto ");
    assertThat(readme).contains("bin/sotto --version").contains("bin/sotto config check")
        .contains("bin/sotto cluster init").contains("docs/operator-guide.md");
    // every path it names is in the tarball
    for (String path : new String[] {"bin/sotto", "conf/", "share/systemd/",
        "share/prometheus/sotto-alerts.yaml", "share/grafana/sotto-dashboard.json",
        "share/bash-completion/completions/sotto", "docs/operator-guide.md"}) {
      assertThat(readme).contains("`" + path + "`");
      assertThat(home.resolve(path)).as(path).exists();
    }
  }

  @Test
  void versionAndCompletionComeFromBinSotto() throws Exception {
    Command version = sotto(Map.of(), 60, "--version");
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.stdout().trim()).isEqualTo("sotto " + VERSION);

    Command completion = sotto(Map.of(), 60, "generate-completion");
    assertThat(completion.exit()).as(completion.toString()).isZero();
    assertThat(completion.stdout()).contains("complete -F").contains("--config");
  }

  @Test
  void referenceConfigsNameEveryMissingFileAndPassOnceThoseExist() throws Exception {
    Command check = sotto(Map.of(), 60, "config", "check", "conf/mixnode.yaml");
    assertThat(check.exit()).as(check.toString()).isEqualTo(1);
    Path conf = home.resolve("conf");
    assertThat(check.stdout()).contains("5 problems in this mixnode config")
        .contains("tls.certificate: cannot read " + conf.resolve("tls.crt"))
        .contains("tls.private-key: cannot read " + conf.resolve("tls.key"))
        .contains("tls.ca-certificate: cannot read " + home.resolve("ca/ca.crt"))
        .contains(home.resolve("descriptor.yaml") + ": cannot read the file")
        .contains("signing-key: cannot read " + conf.resolve("signing.key"));

    Path cluster = unpacked.resolve("cluster");
    Command init = sotto(Map.of(), 60, "cluster", "init", "--out", cluster.toString());
    assertThat(init.exit()).as(init.toString()).isZero();
    Path mixConfig = cluster.resolve("mix-1/mixnode.yaml");
    Path coordinatorConfig = cluster.resolve("coordinator/coordinator.yaml");
    Path deadDropConfig = cluster.resolve("deaddrop-1/deaddrop.yaml");
    Files.copy(conf.resolve("mixnode.yaml"), mixConfig, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(conf.resolve("coordinator.yaml"), coordinatorConfig,
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(conf.resolve("deaddrop.yaml"), deadDropConfig,
        StandardCopyOption.REPLACE_EXISTING);
    Command ok = sotto(Map.of(), 60, "config", "check", mixConfig.toString(),
        coordinatorConfig.toString(), deadDropConfig.toString(),
        cluster.resolve("descriptor.yaml").toString());
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.stdout()).contains("valid mixnode config (mix-1 on 0.0.0.0:7001, mix 1 of 3")
        .contains("valid coordinator config").contains("valid deaddrop config")
        .contains("valid descriptor config");

    Files.writeString(deadDropConfig, Files.readString(deadDropConfig)
        .replace("max-batch: 2000000", "max-bach: 2000000"));
    Command typo = sotto(Map.of(), 60, "config", "check", deadDropConfig.toString());
    assertThat(typo.exit()).isEqualTo(1);
    assertThat(typo.stdout()).contains("max-bach: not a known key");
  }

  @Test
  void theDemoRunsFromTheTarballWithJsonLogs() throws Exception {
    Command demo = sotto(Map.of("SOTTO_LOG_FORMAT", "json", "SOTTO_JAVA_OPTS", "-Xmx512m"), 180,
        "demo", "--rounds", "4", "--users", "4", "--round-interval-ms", "1000", "--noise-mu", "10",
        "--noise-b", "2");
    assertThat(demo.exit()).as(demo.toString()).isZero();
    assertThat(demo.stdout()).contains("every message arrived intact, in order, exactly once");
    ObjectMapper json = new ObjectMapper();
    String[] lines = demo.stderr().strip().split("\n");
    assertThat(lines).as("the servers logged their start").hasSizeGreaterThan(3);
    for (String line : lines) {
      JsonNode entry = json.readTree(line);
      assertThat(entry.has("level") && entry.has("loggerName")
          && entry.has("formattedMessage")).as(line).isTrue();
      assertThat(entry.get("timestamp").asText()).as("ISO-8601, not epoch milliseconds")
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }
    assertThat(demo.stderr()).contains("listening on")
        .as("the crypto engine is no news at INFO").doesNotContain("X25519: libsodium");
    assertThat(demo.stdout()).as("server logs stay on stderr, results on stdout")
        .doesNotContain("listening on").doesNotContain("\"level\"");
  }

  @Test
  void badInputsGetAClearAnswer() throws Exception {
    Command missing = sotto(Map.of(), 60, "config", "check", "no-such.yaml");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.stdout()).contains("no-such.yaml: cannot read this file");
    Command format = sotto(Map.of("SOTTO_LOG_FORMAT", "xml"), 60, "--version");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.stderr()).contains("SOTTO_LOG_FORMAT must be text or json");
  }
}
