package org.sotto.launcher.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.testkit.audit.Audit;
import org.sotto.testkit.audit.AuditException;
import org.sotto.testkit.audit.AuditPlan;
import org.sotto.testkit.audit.AuditReport;
import org.sotto.testkit.audit.ClientClass;
import org.sotto.testkit.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sotto audit}: a conformance check of the running code. Starts a real cluster in this
 * process, runs idle, chatting and dialing clients (the real client library) for
 * {@code --rounds} conversation rounds, and reports what the coordinator and the mixes saw:
 * whether the classes' traffic is the same in calls, sizes and timing, whether any directory
 * call follows dialing, and whether every mix adds the descriptor's noise and shuffles
 * uniformly (docs/researcher-guide.md, "sotto audit").
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Check on a real in-process cluster that idle, chatting and dialing clients "
        + "look the same to the coordinator and the mixes (calls, sizes, arrival times, "
        + "directory calls), and that every mix adds the configured noise and shuffles "
        + "uniformly.",
        "Exit status: 0 every check passed, 1 a check failed or the audit could not run, "
            + "2 bad options."})
public final class AuditCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--rounds", defaultValue = "200", description = "conversation rounds to measure (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--clients-per-class", defaultValue = "4", description = "idle, chatting and dialing clients each; even, at least 2 (default: ${DEFAULT-VALUE})")
  int perClass;

  @Option(names = "--round-interval-ms", defaultValue = "500", description = "conversation round length (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--dialing-interval-ms", defaultValue = "1000", description = "dialing round length (default: ${DEFAULT-VALUE})")
  long dialingIntervalMs;

  @Option(names = "--mixnodes", defaultValue = "3", description = "mix nodes (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "1", description = "dead-drop shards (default: ${DEFAULT-VALUE})")
  int deaddrops;

  @Option(names = "--noise-mu", defaultValue = "20", description = "conversation noise: Laplace mu per mix per round (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "4", description = "conversation noise: Laplace b (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--dialing-noise-mu", defaultValue = "4", description = "dialing noise per bucket: Laplace mu (default: ${DEFAULT-VALUE})")
  double dialingMu;

  @Option(names = "--dialing-noise-b", defaultValue = "1", description = "dialing noise per bucket: Laplace b (default: ${DEFAULT-VALUE})")
  double dialingB;

  @Option(names = "--json", description = "also write the results to this JSON file")
  Path json;

  @Override
  public Integer call() throws Exception {
    AuditPlan plan = plan();
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("sotto-audit-");
    // One bucket per client, so a dialing round's buckets are small and dialing noise lands in
    // every one of them.
    ClusterDescriptor.DialingSettings dialing = new ClusterDescriptor.DialingSettings(
        dialingIntervalMs, 1, Math.max(64, 3 * perClass),
        new ClusterDescriptor.NoiseSettings(dialingMu, dialingB));
    out.printf("Sotto audit: %d mix nodes, %d dead-drop shards, TLS on localhost; files "
        + "in %s%n", mixnodes, deaddrops, dir);
    out.println("The noise is light for speed: the audit checks that the mixes add what "
        + "the descriptor says, not that it protects anyone ('sotto sim privacy' says how much "
        + "a setting protects).");
    AuditReport report;
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), mixnodes, deaddrops,
        intervalMs, 1, mu, b, dialing)) {
      report = Audit.run(cluster, plan, dir.resolve("clients"), out);
    } catch (AuditException e) {
      throw new IllegalStateException("the audit could not run: " + e.getMessage(), e);
    }
    out.println();
    out.print(report.table());
    if (json != null) {
      // Through Files, so a missing folder or a permission problem is said in words.
      try (java.io.OutputStream file = Files.newOutputStream(json)) {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file, report.json());
      }
      out.println("results written to " + json);
    }
    if (report.passed()) {
      out.println("every check passed");
      out.flush();
      return 0;
    }
    out.println("FAILED: " + String.join(", ", report.checks().stream()
        .filter(c -> !c.passed()).map(AuditReport.Check::name).toList()));
    out.flush();
    return 1;
  }

  private AuditPlan plan() {
    if (perClass < 2 || perClass % 2 != 0) {
      throw usage("--clients-per-class must be an even number of at least 2 (chatting clients "
          + "talk in pairs), not " + perClass);
    }
    if (mixnodes < 1 || deaddrops < 1) {
      throw usage("a cluster needs at least one mix node and one dead-drop shard");
    }
    if (intervalMs < 100 || dialingIntervalMs < 100) {
      throw usage("round intervals must be at least 100 ms");
    }
    Map<ClientClass, Integer> clients = new EnumMap<>(ClientClass.class);
    for (ClientClass c : ClientClass.values()) {
      clients.put(c, perClass);
    }
    try {
      return new AuditPlan(clients, rounds, Map.of());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
