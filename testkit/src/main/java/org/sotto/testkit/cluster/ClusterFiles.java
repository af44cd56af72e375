package org.sotto.testkit.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Where {@code sotto cluster init} put each file. */
public record ClusterFiles(Path root, int mixes, int deadDrops) {

  public Path descriptor() {
    return root.resolve("descriptor.yaml");
  }

  public Path caCertificate() {
    return root.resolve("ca").resolve("ca.crt");
  }

  public Path coordinatorConfig() {
    return root.resolve("coordinator").resolve("coordinator.yaml");
  }

  public static String mixName(int i) {
    return "mix-" + (i + 1);
  }

  public static String deadDropName(int i) {
    return "deaddrop-" + (i + 1);
  }

  public Path mixConfig(int i) {
    return root.resolve(mixName(i)).resolve("mixnode.yaml");
  }

  public Path deadDropConfig(int i) {
    return root.resolve(deadDropName(i)).resolve("deaddrop.yaml");
  }

  public List<Path> mixConfigs() {
    return IntStream.range(0, mixes).mapToObj(this::mixConfig).toList();
  }

  public List<Path> deadDropConfigs() {
    return IntStream.range(0, deadDrops).mapToObj(this::deadDropConfig).toList();
  }
}
