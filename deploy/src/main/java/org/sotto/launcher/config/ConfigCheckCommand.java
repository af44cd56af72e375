package org.sotto.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sotto.core.config.YamlConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sotto config check FILE}: validates a config without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Validate a coordinator, mix node or dead-drop shard config (or a cluster "
        + "descriptor) without starting anything: keys, values, and every file it names.",
        "Exit status: 0 valid, 1 problems found (each listed), 2 unreadable or unknown kind."})
public final class ConfigCheckCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "config files to check")
  Path[] files;

  @Option(names = "--role", description = "the kind of file: ${COMPLETION-CANDIDATES} "
      + "(default: told from its keys)")
  Kind role;

  /** What {@code --role} accepts, lower case as the commands are named. */
  enum Kind {
    coordinator, mixnode, deaddrop, descriptor;

    NodeRole role() {
      return NodeRole.valueOf(name().toUpperCase(Locale.ROOT));
    }
  }

  @Override
  public Integer call() {
    int status = 0;
    for (Path file : files) {
      status = Math.max(status, check(file));
    }
    return status;
  }

  private int check(Path file) {
    if (!Files.isReadable(file)) {
      System.out.println(file + ": cannot read this file; check the path and its permissions");
      return 2;
    }
    NodeRole kind;
    if (role != null) {
      kind = role.role();
    } else {
      Optional<NodeRole> detected;
      try {
        detected = detect(file);
      } catch (IOException e) {
        System.out.println(file + ": not valid YAML: " + e.getMessage());
        return 1;
      }
      if (detected.isEmpty()) {
        System.out.println(file + ": cannot tell which kind of config this is; run again with "
            + "--role coordinator|mixnode|deaddrop|descriptor");
        return 2;
      }
      kind = detected.get();
    }
    ConfigChecker.Result result = ConfigChecker.check(file, kind);
    if (result.ok()) {
      System.out.println(file + ": valid " + result.role().label() + " config ("
          + result.summary() + ")");
      return 0;
    }
    System.out.println(file + ": " + result.problems().size() + " problem"
        + (result.problems().size() == 1 ? "" : "s") + " in this " + result.role().label()
        + " config:");
    result.problems().forEach(p -> System.out.println("  - " + p));
    return 1;
  }

  private static Optional<NodeRole> detect(Path file) throws IOException {
    JsonNode tree = YamlConfig.mapper().readTree(file.toFile());
    Set<String> keys = new HashSet<>();
    if (tree != null) {
      tree.fieldNames().forEachRemaining(keys::add);
    }
    return NodeRole.detect(keys);
  }
}
