package org.sotto.launcher.sim;

import java.io.PrintWriter;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sotto sim load}: bot clients against a real cluster, the one {@code --descriptor} names
 * or, by default, a local cluster started in this process; one level or a sweep of user counts.
 * Each level's row is written as soon as it is measured; a level that fails ends the sweep with a
 * one-line reason and the finished levels kept.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Load a real cluster with bot clients: round latency percentiles, messages/s, "
        + "delivered/lost, CPU. Starts a local cluster unless --descriptor is given.",
        "Results (load.csv, latency-vs-users.png, summary.md) are rewritten after every level.",
        "Exit status: 0 all delivered, 1 a level failed or messages were lost, 2 bad options."})
public final class LoadCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--descriptor", description = "descriptor.yaml of a running cluster "
      + "(default: start a local cluster)")
  Path descriptor;

  @Option(names = "--users", defaultValue = "100", description = "bot clients, even (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--sweep", split = ",", description = "user counts to run one after another, "
      + "e.g. 50,100,200 (overrides --users)")
  List<Integer> sweep;

  @Option(names = "--rounds", defaultValue = "30", description = "measured rounds per level (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--warmup", defaultValue = "3", description = "rounds run before measuring "
      + "each level, excluded from every figure (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--round-timeout-s", defaultValue = "0", description = "a level fails when no "
      + "round finishes for this long (default: 20 round intervals, at least 30 s)")
  long roundTimeoutS;

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
        err().println("user counts must be even numbers of at least 2 (bots chat in pairs), "
            + "got " + n);
        return 2;
      }
    }
    if (rounds < 1 || warmup < 0 || roundTimeoutS < 0) {
      err().println("--rounds must be at least 1, --warmup and --round-timeout-s not negative");
      return 2;
    }
    if (descriptor != null) {
      try {
        return run(LoadTarget.remote(descriptor), levels, "descriptor " + descriptor);
      } catch (ConfigException e) {
        err().println(e.getMessage());
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
    LoadRun run = new LoadRun(target, roundTimeoutS * 1000);
    Path results = ResultsFolder.create("load", out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(cluster);
    stdout.println("results, rewritten after every level: " + results.toAbsolutePath());
    List<LoadPoint> points = new ArrayList<>();
    String failure = null;
    for (int n : levels) {
      try (ProgressBar bar = Progress.start(n + " users", rounds)) {
        points.add(run.run(n, warmup, rounds, bar::stepTo));
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) { // any failure ends the sweep, in words; the trace is not for users
        failure = "the level of " + n + " users failed: " + (e.getMessage() != null
            ? e.getMessage() : e.getClass().getSimpleName());
        break;
      }
      new LoadReport(cluster, points).write(results);
    }
    LoadReport report = new LoadReport(cluster, points);
    stdout.print(report.table().toMarkdown());
    stdout.flush();
    if (failure != null) {
      err().println(failure + (points.isEmpty() ? "" : "; the " + points.size()
          + " level(s) measured before it are in " + results.toAbsolutePath()));
      return 1;
    }
    boolean lost = points.stream().anyMatch(p -> p.lost() > 0);
    if (lost) {
      stdout.println("PROBLEM: some messages were acknowledged but never delivered");
    }
    return lost ? 1 : 0;
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
