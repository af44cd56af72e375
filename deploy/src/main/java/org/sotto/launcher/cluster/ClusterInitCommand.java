package org.sotto.launcher.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.testkit.cluster.ClusterFiles;
import org.sotto.testkit.cluster.ClusterInitializer;
import org.sotto.testkit.cluster.ClusterSpec;
import org.sotto.simulations.privacy.ProtocolPrivacy;
import org.sotto.simulations.privacy.RoundCadence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sotto cluster init}: keys, certificates, configs and the descriptor of a new cluster. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a new cluster's CA, node certificates, signing keys, configs and "
        + "descriptor in an empty folder.")
public final class ClusterInitCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "folder to write (must not hold a cluster)")
  Path out;

  @Option(names = "--name", defaultValue = "sotto", description = "cluster name (default: ${DEFAULT-VALUE})")
  String name;

  @Option(names = "--mixnodes", defaultValue = "3", description = "mix nodes in the chain (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "2", description = "dead-drop shards (default: ${DEFAULT-VALUE})")
  int deaddrops;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "host of every node not given otherwise (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--coordinator-host", description = "host of the coordinator")
  String coordinatorHost;

  @Option(names = "--mix-hosts", split = ",", description = "host of each mix node, chain order")
  List<String> mixHosts;

  @Option(names = "--deaddrop-hosts", split = ",", description = "host of each dead-drop shard")
  List<String> deadDropHosts;

  @Option(names = "--base-port", defaultValue = "7000", description = "coordinator port; mixes and shards count up from it (default: ${DEFAULT-VALUE})")
  int basePort;

  @Option(names = "--same-port", description = "give every node the base port (one host per node)")
  boolean samePort;

  @Option(names = "--metrics-port", description = "serve Prometheus metrics on each node's host "
      + "at this port (counting up per node unless --same-port); default: metrics off")
  Integer metricsPort;

  @Option(names = "--health-port", description = "answer plaintext gRPC health checks on each "
      + "node's host at this port (counting up per node unless --same-port); default: off")
  Integer healthPort;

  @Option(names = "--bind-host", description = "address every node listens on, e.g. 0.0.0.0 "
      + "in containers (default: each node's own host)")
  String bindHost;

  @Option(names = "--coordinator-data-dir", description = "the coordinator's data-dir (accounts "
      + "database) as written in its config; installed systems use a writable state folder such "
      + "as /var/lib/sotto (default: data, beside the config)")
  Path coordinatorDataDir;

  @Option(names = "--round-interval-ms", defaultValue = "2000", description = "round length (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--slots", defaultValue = "1", description = "onions per client per round (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--protect-days", defaultValue = "1", description = "days of continuous "
      + "conversation and dialing the noise must protect at e^epsilon <= 2, delta <= 1e-4; the "
      + "least such noise is written unless --noise-mu/--noise-b are given (default: ${DEFAULT-VALUE})")
  double protectDays;

  @Option(names = "--noise-mu", description = "Laplace mu of each mix's noise per round "
      + "(default: solved from --protect-days)")
  Double mu;

  @Option(names = "--noise-b", description = "Laplace b of each mix's noise (default: solved "
      + "from --protect-days)")
  Double b;

  @Option(names = "--dialing-interval-ms", defaultValue = "10000", description = "time between dialing rounds (default: ${DEFAULT-VALUE})")
  long dialingIntervalMs;

  @Option(names = "--dialing-noise-mu", description = "Laplace mu of each mix's noise "
      + "invitations per bucket per dialing round (default: solved from --protect-days)")
  Double dialingMu;

  @Option(names = "--dialing-noise-b", description = "Laplace b of each mix's dialing noise "
      + "(default: solved from --protect-days)")
  Double dialingB;

  @Override
  public Integer call() throws Exception {
    String problem = noiseProblem();
    if (problem != null) {
      System.err.println("error: " + problem);
      return 2;
    }
    NoiseChoice conversation = NoiseChoice.pick(ProtocolPrivacy.CONVERSATION, mu, b,
        new RoundCadence(intervalMs, slots), protectDays);
    NoiseChoice dialing = NoiseChoice.pick(ProtocolPrivacy.DIALING, dialingMu, dialingB,
        new RoundCadence(dialingIntervalMs, 1), protectDays);
    double mu = conversation.protection().mu();
    double b = conversation.protection().b();
    double dialingMu = dialing.protection().mu();
    double dialingB = dialing.protection().b();
    List<String> mixes = hostsOr(mixHosts, mixnodes);
    List<String> drops = hostsOr(deadDropHosts, deaddrops);
    int nodes = 1 + mixes.size() + drops.size();
    ClusterSpec spec = new ClusterSpec(name, coordinatorHost == null ? host : coordinatorHost,
        mixes, drops, ports(basePort, nodes), intervalMs, slots, mu, b, new ClusterDescriptor.DialingSettings(
            dialingIntervalMs, ClusterDescriptor.DialingSettings.DEFAULTS.usersPerBucket(),
            ClusterDescriptor.DialingSettings.DEFAULTS.maxBuckets(),
            new ClusterDescriptor.NoiseSettings(dialingMu, dialingB)))
        .withOperatorPorts(ports(metricsPort, nodes), ports(healthPort, nodes))
        .bindingTo(bindHost)
        .withCoordinatorDataDir(coordinatorDataDir);
    ClusterFiles files = ClusterInitializer.write(spec, out);
    System.out.println("Cluster '" + name + "' written to " + out);
    System.out.println("  descriptor (give this to clients): " + files.descriptor());
    System.out.println("  CA private key (keep it offline):  " + out.resolve("ca/ca.key"));
    conversation.print("a conversation", System.out);
    dialing.print("a user's dialing", System.out);
    return 0;
  }

  /** Noise given by hand must come as a pair, and no noise (b = 0) protects nothing. */
  private String noiseProblem() {
    if ((mu == null) != (b == null) || (dialingMu == null) != (dialingB == null)) {
      return "give --noise-mu with --noise-b (and --dialing-noise-mu with --dialing-noise-b), "
          + "or neither to have the noise solved from --protect-days";
    }
    if ((b != null && !(b > 0 && mu >= 0)) || (dialingB != null && !(dialingB > 0 && dialingMu >= 0))) {
      return "noise needs mu >= 0 and b > 0 (b = 0 would mean no noise and no privacy)";
    }
    if (!(protectDays > 0) || protectDays > 3650) {
      return "--protect-days must be above 0 and at most 3650";
    }
    return null;
  }

  /** One port per node from {@code base}: all the same with --same-port; none without a base. */
  private List<Integer> ports(Integer base, int nodes) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; base != null && i < nodes; i++) {
      ports.add(samePort ? base : base + i);
    }
    return ports;
  }

  private List<String> hostsOr(List<String> given, int count) {
    return given != null && !given.isEmpty() ? given : Collections.nCopies(count, host);
  }
}
