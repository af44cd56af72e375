package org.sotto.launcher.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.coordinator.SessionTicketKeyFile;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.NodeFiles;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.tls.TlsFiles;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.mixnode.MixNodeConfig;
import org.sotto.mixnode.MixNodeIdentity;

/**
 * Everything a server checks at start-up short of opening ports: the file's keys and values, then
 * every file it names (TLS certificate and key, CA, descriptor, signing key), each reported on its
 * own so one run lists every missing file, then that a mix's name and key match the descriptor
 * and that coordinator and mixes listen where the descriptor tells their peers to connect.
 */
final class ConfigChecker {

  /** What a check found. */
  record Result(NodeRole role, List<String> problems, String summary) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  private ConfigChecker() {}

  static Result check(Path file, NodeRole role) {
    List<String> problems = new ArrayList<>();
    String summary = "";
    try {
      switch (role) {
        case DESCRIPTOR -> summary = describe(ClusterDescriptor.load(file));
        case DEADDROP -> {
          DeadDropConfig raw = YamlConfig.load(file, DeadDropConfig.class);
          problems.addAll(tlsProblems(file, raw.tls()));
          summary = "shard " + raw.name() + " on " + raw.listen();
        }
        case COORDINATOR -> {
          CoordinatorConfig raw = YamlConfig.load(file, CoordinatorConfig.class);
          problems.addAll(tlsProblems(file, raw.tls()));
          ClusterDescriptor d = descriptor(file, raw.descriptor(), problems);
          if (d != null) {
            ListenAddressCheck.problem("the coordinator", raw.listen(), d.coordinator())
                .ifPresent(problems::add);
            try {
              SessionTicketKeyFile.load(raw.sessionTicketKey() == null ? null
                  : NodeFiles.resolve(file, raw.sessionTicketKey()), d);
            } catch (ConfigException e) {
              problems.addAll(e.problems());
            }
          }
          summary = "coordinator on " + raw.listen() + (d == null ? "" : "; " + describe(d));
        }
        case MIXNODE -> {
          MixNodeConfig raw = YamlConfig.load(file, MixNodeConfig.class);
          problems.addAll(tlsProblems(file, raw.tls()));
          Path descriptorFile = NodeFiles.resolve(file, raw.descriptor());
          ClusterDescriptor d = descriptor(file, raw.descriptor(), problems);
          Path key = NodeFiles.resolve(file, raw.signingKey());
          if (d != null) {
            try {
              int position = MixNodeIdentity.of(raw.name(), key, descriptorFile, d).position();
              ListenAddressCheck.problem(raw.name(), raw.listen(),
                  d.mixes().get(position).address()).ifPresent(problems::add);
              summary = raw.name() + " on " + raw.listen() + ", mix " + (position + 1) + " of "
                  + d.chainLength() + " in cluster '" + d.name() + "'";
            } catch (ConfigException e) {
              problems.addAll(e.problems());
            }
          } else if (!java.nio.file.Files.isReadable(key)) {
            problems.add("signing-key: cannot read " + key + " (the signing.key that 'sotto "
                + "cluster init' wrote for " + raw.name() + ")");
          }
        }
        default -> throw new IllegalStateException(role.toString());
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    return new Result(role, List.copyOf(problems), summary);
  }

  private static List<String> tlsProblems(Path file, TlsFiles tls) {
    return new TlsFiles(NodeFiles.resolve(file, tls.certificate()),
        NodeFiles.resolve(file, tls.privateKey()), NodeFiles.resolve(file, tls.caCertificate()))
        .problems();
  }

  private static ClusterDescriptor descriptor(Path file, Path value, List<String> problems) {
    Path path = NodeFiles.resolve(file, value);
    try {
      return ClusterDescriptor.load(path);
    } catch (ConfigException e) {
      e.problems().forEach(p -> problems.add("descriptor: " + path + ": " + p));
      return null;
    }
  }

  private static String describe(ClusterDescriptor d) {
    return "cluster '" + d.name() + "': " + d.chainLength() + " mixes, " + d.deadDrops().size()
        + " dead-drop shards, " + d.roundIntervalMs() + " ms rounds";
  }
}
