package org.sotto.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.YamlConfig;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.mixnode.MixNodeConfig;

/**
 * No container runtime or Kubernetes here, so the deployment files are checked the way they would
 * fail: each one's 'sotto cluster init' runs for real, the configs it writes load with the
 * servers' own config records, and every port, path, role and command in the Dockerfile,
 * compose.yaml, the Kubernetes manifests and the systemd units must agree with them and parse as
 * a bin/sotto command line.
 */
class DeploymentFilesTest {
  static final Path DEPLOY = Path.of(System.getProperty("sotto.deploy.dir", "."));
  static final int GRPC = 7000;
  static final int HEALTH = 7070;
  static final int METRICS = 9100;

  /** A node's config as the server reads it: role, listen, health and metrics addresses. */
  record Node(String role, HostPort listen, HostPort health, HostPort metrics) {}

  static Node load(String role, Path file) throws Exception {
    return switch (role) {
      case "coordinator" -> {
        CoordinatorConfig c = CoordinatorConfig.load(file);
        yield new Node(role, c.listen(), c.health(), c.metrics());
      }
      case "mixnode" -> {
        MixNodeConfig c = MixNodeConfig.load(file);
        yield new Node(role, c.listen(), c.health(), c.metrics());
      }
      case "deaddrop" -> {
        DeadDropConfig c = DeadDropConfig.load(file);
        yield new Node(role, c.listen(), c.health(), c.metrics());
      }
      default -> throw new AssertionError("unknown role " + role);
    };
  }

  /** Parses as bin/sotto would, so a misspelt command or option fails here. */
  static void assertSottoCommandLine(List<String> args) {
    Sotto.commandLine().parseArgs(args.toArray(String[]::new));
  }

  static int runSotto(String... args) {
    return Sotto.commandLine().execute(args);
  }

  static void assertStandardPorts(Node node) {
    assertThat(node.listen().port()).as(node.role() + " listen").isEqualTo(GRPC);
    assertThat(node.health()).as(node.role() + " health").isNotNull();
    assertThat(node.health().port()).isEqualTo(HEALTH);
    assertThat(node.metrics()).as(node.role() + " metrics").isNotNull();
    assertThat(node.metrics().port()).isEqualTo(METRICS);
    assertThat(node.listen().host()).as("containers listen on every interface")
        .isEqualTo("0.0.0.0");
  }

  /** The arguments of the 'sotto cluster init' a shell snippet runs, variables substituted. */
  static List<String> initArgs(String script, Map<String, String> vars) {
    String joined = script.replace("\\\n", " ");
    Matcher m = Pattern.compile("sotto cluster init ([^\n]*)").matcher(joined);
    assertThat(m.find()).as("the file runs 'sotto cluster init'").isTrue();
    String line = m.group(1);
    for (Map.Entry<String, String> v : vars.entrySet()) {
      line = line.replace(v.getKey(), v.getValue());
    }
    List<String> args = new ArrayList<>(List.of("cluster", "init"));
    for (String word : line.replace("\"", "").trim().split("\\s+")) {
      args.add(word);
    }
    return args;
  }

  static List<String> withOut(List<String> args, Path out) {
    List<String> copy = new ArrayList<>(args);
    int i = copy.indexOf("--out");
    copy.set(i + 1, out.toString());
    return copy;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  // ---------------------------------------------------------------------------------------
  @Test
  void composeRunsEveryRoleFromOneInitWithMatchingPortsAndCommands(@TempDir Path dir)
      throws Exception {
    JsonNode compose = YamlConfig.mapper().readTree(DEPLOY.resolve("compose.yaml").toFile());
    JsonNode services = compose.get("services");
    String init = services.get("init").get("command").get(0).asText();
    List<String> initArgs = initArgs(init, Map.of());
    assertSottoCommandLine(initArgs);
    Path cluster = dir.resolve("cluster");
    assertThat(runSotto(withOut(initArgs, cluster).toArray(String[]::new))).isZero();
    ClusterDescriptor descriptor = ClusterDescriptor.load(cluster.resolve("descriptor.yaml"));

    String image = null;
    Map<String, Integer> roles = new HashMap<>();
    for (var it = services.fields(); it.hasNext(); ) {
      var entry = it.next();
      JsonNode service = merged(compose, entry.getValue());
      image = image == null ? service.get("image").asText() : image;
      assertThat(service.get("image").asText()).as("one image for all").isEqualTo(image);
      if (!service.has("command") || entry.getKey().equals("init")) {
        continue;
      }
      List<String> command = strings(service.get("command"));
      assertSottoCommandLine(command);
      String role = command.get(0);
      if (role.equals("bots")) {
        assertThat(command.get(command.indexOf("--descriptor") + 1))
            .isEqualTo("/etc/sotto/descriptor.yaml");
        continue;
      }
      roles.merge(role, 1, Integer::sum);
      String configPath = command.get(command.indexOf("--config") + 1);
      assertThat(configPath).isEqualTo("/etc/sotto/" + entry.getKey() + "/" + role + ".yaml");
      Node node = load(role, cluster.resolve(configPath.substring("/etc/sotto/".length())));
      assertStandardPorts(node);
      assertThat(service.get("hostname").asText()).isEqualTo(entry.getKey());
      List<String> health = strings(service.get("healthcheck").get("test"));
      assertThat(health.subList(1, health.size())).containsExactly("/opt/sotto/bin/sotto",
          "health", "127.0.0.1:" + node.health().port());
      assertSottoCommandLine(health.subList(2, health.size()));
      assertThat(strings(service.get("volumes"))).contains("cluster:/etc/sotto:ro");
      if (role.equals("coordinator")) {
        Path dataDir = CoordinatorConfig.load(cluster.resolve(
            configPath.substring("/etc/sotto/".length()))).dataDir();
        assertThat(strings(service.get("volumes"))).as("the accounts database is on a "
            + "writable volume").anySatisfy(v -> assertThat(v).endsWith(":" + dataDir));
      }
    }
    assertThat(roles).containsEntry("coordinator", 1)
        .containsEntry("mixnode", descriptor.mixes().size())
        .containsEntry("deaddrop", descriptor.deadDrops().size());
    assertThat(descriptor.mixes()).extracting(m -> m.address().host())
        .containsExactly("mix-1", "mix-2", "mix-3");
    assertThat(descriptor.coordinator()).isEqualTo(new HostPort("coordinator", GRPC));
    assertThat(strings(services.get("coordinator").get("ports")))
        .anySatisfy(p -> assertThat(p).isEqualTo(GRPC + ":" + GRPC));
    assertThat(image).isEqualTo("sotto:0.1.0");
  }

  /**
   * compose's '<<: *node' merge keys. Jackson's tree gives the alias as its anchor's name, so
   * this file's convention is that anchor 'node' is the extension field 'x-node'.
   */
  static JsonNode merged(JsonNode compose, JsonNode service) {
    if (!service.has("<<")) {
      return service;
    }
    JsonNode base = service.get("<<").isTextual()
        ? compose.get("x-" + service.get("<<").asText()) : service.get("<<");
    assertThat(base).as("merge key target").isNotNull();
    ObjectNode out = ((ObjectNode) base).deepCopy();
    service.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("<<")) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  @Test
  void dockerfileRunsBinSottoAsAnUnprivilegedUserOnTheNodePorts() throws Exception {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"/opt/sotto/bin/sotto\"]")
        .contains("tar xzf deploy/target/sotto-*.tar.gz")
        .contains("COPY --from=build /dist /opt/sotto")
        .containsPattern("(?m)^USER 10001:10001$")
        .containsPattern("(?m)^EXPOSE " + GRPC + " " + HEALTH + " " + METRICS + "$");
  }

  // ---------------------------------------------------------------------------------------
  @Test
  void kubernetesManifestsAgreeWithTheClusterTheirInitScriptMakes(@TempDir Path dir)
      throws Exception {
    Path k8s = DEPLOY.resolve("k8s");
    JsonNode kustomization = YamlConfig.mapper().readTree(
        k8s.resolve("kustomization.yaml").toFile());
    String namespace = kustomization.get("namespace").asText();
    String svc = namespace + ".svc.cluster.local";
    List<String> initArgs = initArgs(Files.readString(k8s.resolve("init-cluster.sh")),
        new LinkedHashMap<>(Map.of("${CLUSTER_NAME:-sotto}", "sotto",
            "$COORDINATOR_HOST", "sotto-coordinator." + svc, "$SVC", svc)));
    assertSottoCommandLine(initArgs);
    assertThat(runSotto(withOut(initArgs, dir.resolve("cluster")).toArray(String[]::new)))
        .isZero();

    // every file the generators take exists where init wrote it; keys only ever in Secrets
    Map<String, Path> configMapFiles = new HashMap<>();
    for (JsonNode generator : kustomization.get("configMapGenerator")) {
      for (String file : strings(generator.get("files"))) {
        String[] kv = file.split("=", 2);
        assertThat(dir.resolve(kv[1])).as(file).exists();
        assertThat(kv[1]).doesNotEndWith(".key");
        configMapFiles.put(generator.get("name").asText() + "/" + kv[0], dir.resolve(kv[1]));
      }
    }
    Map<String, List<String>> secretKeys = new HashMap<>();
    for (JsonNode generator : kustomization.get("secretGenerator")) {
      for (String file : strings(generator.get("files"))) {
        String[] kv = file.split("=", 2);
        assertThat(dir.resolve(kv[1])).as(file).exists();
        secretKeys.computeIfAbsent(generator.get("name").asText(), k -> new ArrayList<>())
            .add(kv[0]);
      }
    }

    Map<String, JsonNode> objects = new HashMap<>();
    for (String resource : strings(kustomization.get("resources"))) {
      try (var docs = YamlConfig.mapper().readerFor(JsonNode.class)
          .<JsonNode>readValues(k8s.resolve(resource).toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          objects.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
        }
      }
    }
    ClusterDescriptor descriptor = ClusterDescriptor.load(dir.resolve("cluster/descriptor.yaml"));
    assertThat(descriptor.coordinator().host()).isEqualTo("sotto-coordinator." + svc);
    assertThat(objects).containsKey("Service/sotto-coordinator");

    Map<String, String> workloads = Map.of("sotto-coordinator", "coordinator",
        "sotto-mix", "mixnode", "sotto-deaddrop", "deaddrop");
    for (Map.Entry<String, String> w : workloads.entrySet()) {
      JsonNode set = objects.get("StatefulSet/" + w.getKey());
      assertThat(set).as("StatefulSet " + w.getKey()).isNotNull();
      String role = w.getValue();
      JsonNode spec = set.get("spec");
      JsonNode labels = spec.at("/template/metadata/labels");
      assertThat(spec.at("/selector/matchLabels")).isEqualTo(labels);
      JsonNode governing = objects.get("Service/" + spec.get("serviceName").asText());
      assertThat(governing).as("governing Service of " + w.getKey()).isNotNull();
      assertThat(governing.at("/spec/selector")).isEqualTo(labels);
      assertThat(objects.values()).as("a PodDisruptionBudget for " + role).anySatisfy(o ->
          assertThat(o.get("kind").asText() + o.at("/spec/selector/matchLabels"))
              .isEqualTo("PodDisruptionBudget" + labels));

      int replicas = spec.get("replicas").asInt();
      List<String> names = switch (role) {
        case "mixnode" -> descriptor.mixes().stream().map(m -> m.address().host()).toList();
        case "deaddrop" -> descriptor.deadDrops().stream().map(d -> d.address().host()).toList();
        default -> List.of();
      };
      if (!names.isEmpty()) {
        assertThat(replicas).isEqualTo(names.size());
        for (int i = 0; i < replicas; i++) {
          assertThat(names.get(i)).as("stable identity of pod " + i)
              .isEqualTo(w.getKey() + "-" + i + "." + spec.get("serviceName").asText() + "."
                  + svc);
        }
      } else {
        assertThat(replicas).as("one coordinator").isEqualTo(1);
      }

      JsonNode pod = spec.at("/template/spec");
      assertThat(pod.get("automountServiceAccountToken").asBoolean(true)).isFalse();
      JsonNode container = pod.get("containers").get(0);
      List<String> args = strings(container.get("args"));
      assertSottoCommandLine(args);
      assertThat(args.get(0)).isEqualTo(role);
      Map<String, Integer> ports = new HashMap<>();
      container.get("ports").forEach(p -> ports.put(p.get("name").asText(),
          p.get("containerPort").asInt()));
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        assertThat(container.at("/" + probe + "/grpc/port").asInt()).as(role + " " + probe)
            .isEqualTo(ports.get("health"));
      }
      assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();

      // each node's config, as the pod gets it, has the ports the pod exposes and probes
      for (int i = 0; i < replicas; i++) {
        String key = role.equals("coordinator") ? "coordinator.yaml"
            : (role.equals("mixnode") ? "mix-" : "deaddrop-") + (i + 1) + ".yaml";
        Path config = configMapFiles.get("sotto-node-configs/" + key);
        assertThat(config).as("config " + key + " in the ConfigMap").isNotNull();
        Node node = load(role, config);
        assertStandardPorts(node);
        assertThat(ports).containsEntry("grpc", node.listen().port())
            .containsEntry("health", node.health().port())
            .containsEntry("metrics", node.metrics().port());
        String keys = role.equals("coordinator") ? "sotto-coordinator-keys"
            : "sotto-" + key.replace(".yaml", "-keys");
        assertThat(secretKeys.get(keys)).as(keys).contains("tls.crt", "tls.key");
        if (role.equals("mixnode")) {
          assertThat(secretKeys.get(keys)).contains("signing.key");
        }
        assertThat(Files.readString(k8s.resolve(role.equals("coordinator") ? "coordinator.yaml"
            : role.equals("mixnode") ? "mixnodes.yaml" : "deaddrops.yaml"))).contains(keys);
      }
      if (role.equals("coordinator")) {
        Path dataDir = CoordinatorConfig.load(configMapFiles.get(
            "sotto-node-configs/coordinator.yaml")).dataDir();
        String claim = spec.at("/volumeClaimTemplates/0/metadata/name").asText();
        assertThat(container.get("volumeMounts")).as("the accounts database is on the "
            + "persistent volume").anySatisfy(m -> {
              assertThat(m.get("name").asText()).isEqualTo(claim);
              assertThat(m.get("mountPath").asText()).isEqualTo(dataDir.toString());
            });
      }
      // the config path in args is where the pod's volumes put it, beside ../descriptor.yaml
      String configPath = args.get(args.indexOf("--config") + 1);
      assertThat(configPath).endsWith("/" + role + ".yaml");
      String folder = configPath.substring(0, configPath.lastIndexOf('/'));
      List<String> mounts = new ArrayList<>();
      container.get("volumeMounts").forEach(m -> mounts.add(m.get("mountPath").asText()));
      String parent = folder.substring(0, folder.lastIndexOf('/'));
      assertThat(mounts).contains(folder, parent + "/descriptor.yaml", parent + "/ca/ca.crt");
    }
  }

  // ---------------------------------------------------------------------------------------
  @Test
  void systemdUnitsRunEveryRoleThroughBinSottoHardened() throws Exception {
    Map<String, String> units = Map.of("sotto-coordinator.service", "coordinator",
        "sotto-mixnode@.service", "mixnode", "sotto-deaddrop@.service", "deaddrop");
    for (Map.Entry<String, String> u : units.entrySet()) {
      Map<String, List<String>> service = section(DEPLOY.resolve("systemd").resolve(u.getKey()),
          "Service");
      String role = u.getValue();
      String folder = u.getKey().contains("@") ? "%i" : role;
      List<String> exec = Arrays.asList(service.get("ExecStart").get(0).split(" "));
      assertThat(exec).containsExactly("/opt/sotto/bin/sotto", role, "--config",
          "/etc/sotto/" + folder + "/" + role + ".yaml");
      assertSottoCommandLine(exec.subList(1, exec.size()));
      List<String> pre = Arrays.asList(service.get("ExecStartPre").get(0).split(" "));
      assertThat(pre.subList(1, pre.size())).containsExactly("config", "check", "--role", role,
          "/etc/sotto/" + folder + "/" + role + ".yaml");
      assertSottoCommandLine(pre.subList(1, pre.size()));
      for (String hardening : List.of("NoNewPrivileges=yes", "ProtectSystem=strict",
          "PrivateTmp=yes", "ProtectHome=yes", "PrivateDevices=yes", "RestrictSUIDSGID=yes",
          "CapabilityBoundingSet=", "User=sotto", "SystemCallFilter=@system-service")) {
        String[] kv = hardening.split("=", 2);
        assertThat(service.get(kv[0])).as(u.getKey() + " " + hardening).containsExactly(kv[1]);
      }
      assertThat(service).as("the JIT needs W+X memory").doesNotContainKey(
          "MemoryDenyWriteExecute");
    }
  }

  /** The key=value lines of one [section] of a unit file (keys may repeat). */
  static Map<String, List<String>> section(Path unit, String name) throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    String current = "";
    for (String line : Files.readAllLines(unit)) {
      String t = line.trim();
      if (t.startsWith("[")) {
        current = t;
      } else if (current.equals("[" + name + "]") && !t.isEmpty() && !t.startsWith("#")) {
        String[] kv = t.split("=", 2);
        out.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
      }
    }
    return out;
  }
}
