package org.sotto.launcher.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.sotto.core.config.ConfigException;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.simulations.load.LoadPoint;
import org.sotto.simulations.load.LoadReport;
import org.sotto.simulations.load.LoadRun;
import org.sotto.simulations.load.LoadTarget;
import org.sotto.simulations.report.Progress;
import org.sotto.simulations.report.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto sim load}: bot clients against a real cluster, the one {@code --descriptor} names
 * or, by default, a local cluster started in this process; one level or a sweep of user counts.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load a real cluster with bot clients: round latency percentiles, messages/s, "
        + "delivered/lost, CPU. Starts a local cluster unless --descriptor is given.")
public final class LoadCommand implements Callable<Integer> {

  @Option(names = "--descriptor", description = "descriptor.yaml of a running cluster "
      + "(default: start a local cluster)")
  Path descriptor;

  @Option(names = "--users", defaultValue = "100", description = "bot clients, even (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--sweep", split = ",", description = "user counts to run one after another, "
      + "e.g. 50,100,200 (overrides --users)")
  List<Integer> sweep;

  @Option(names = "--rounds", defaultValue = "10", description = "measured rounds per level (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--round-interval-ms", defaultValue = "1000", description = "local cluster: round length (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--mixnodes", defaultValue = "3", description = "local cluster: mix nodes (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "2", description = "local cluster: dead-drop shards (default: ${DEFAULT-VALUE})")
  int deadDrops;

  @Option(names = "--noise-mu", defaultValue = "100", description = "local cluster: Laplace mu per mix (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "10", description = "local cluster: Laplace b (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--out", description = "results folder (default: results/load-<timestamp>)")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Integer> levels = sweep != null && !sweep.isEmpty() ? sweep : List.of(users);
    for (int n : levels) {
      if (n < 2 || n % 2 != 0) {
        System.err.println("user counts must be even numbers of at least 2 (bots chat in pairs), "
            + "got " + n);
        return 2;
      }
    }
    if (rounds < 1) {
      System.err.println("--rounds must be at least 1");
      return 2;
    }
    if (descriptor != null) {
      try {
        return run(LoadTarget.remote(descriptor), levels, "descriptor " + descriptor);
      } catch (ConfigException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
    Path dir = Files.createTempDirectory("sotto-load-");
    try (LocalCluster cluster = LocalCluster.start(dir, mixnodes, deadDrops, intervalMs, 1, mu,
        b)) {
      return run(new LocalLoadTarget(cluster), levels, String.format(
          "local: %d mix nodes, %d dead-drop shards, %d ms rounds, noise mu=%s b=%s", mixnodes,
          deadDrops, intervalMs, mu, b));
    }
  }

  private int run(LoadTarget target, List<Integer> levels, String cluster) throws Exception {
    LoadRun run = new LoadRun(target);
    List<LoadPoint> points = new ArrayList<>();
    for (int n : levels) {
      try (ProgressBar bar = Progress.start(n + " users", rounds)) {
        points.add(run.run(n, rounds, bar::stepTo));
      }
    }
    LoadReport report = new LoadReport(cluster, points);
    Path results = ResultsFolder.create("load", out);
    report.write(results);
    System.out.println(cluster);
    System.out.print(report.table().toMarkdown());
    System.out.println("results: " + results.toAbsolutePath());
    boolean lost = points.stream().anyMatch(p -> p.lost() > 0);
    if (lost) {
      System.out.println("PROBLEM: some messages were acknowledged but never delivered");
    }
    return lost ? 1 : 0;
  }
}
