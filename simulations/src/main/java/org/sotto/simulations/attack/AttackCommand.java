package org.sotto.simulations.attack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.sotto.core.config.ConfigException;
import org.sotto.simulations.report.Progress;
import org.sotto.simulations.report.ResultsFolder;
import org.sotto.simulations.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto sim attack --scenario FILE}: simulates the scenario's users, runs every attack the
 * scenario's adversary can run against the baseline and against Sotto, and writes the results
 * folder (and, with {@code --json}, a machine-readable summary).
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
    description = "Traffic-analysis attacks (statistical disclosure, hitting set, presence "
        + "intersection, count likelihood, count regression, n-1, group testing) against the "
        + "baseline and against Sotto, on a seeded scenario.")
public final class AttackCommand implements Callable<Integer> {

  @Option(names = "--scenario", required = true,
      description = "scenario YAML, e.g. simulations/scenarios/reference.yaml")
  Path scenarioFile;

  @Option(names = "--seed", description = "override the scenario's seed")
  Long seed;

  @Option(names = "--seeds", description = "override how many seeds to run (attack.seeds)")
  Integer seeds;

  @Option(names = "--out", description = "results folder (default: results/attack-<timestamp>)")
  Path out;

  @Option(names = "--json", description = "also write the results as JSON to this file")
  Path json;

  @Override
  public Integer call() throws Exception {
    Scenario scenario;
    try {
      scenario = Scenario.load(scenarioFile);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.err.println("simulations/scenarios/reference.yaml documents every key.");
      return 2;
    }
    if (seed != null) {
      scenario = scenario.withSeed(seed);
    }
    if (seeds != null) {
      if (seeds < 1) {
        System.err.println("--seeds must be at least 1.");
        return 2;
      }
      Scenario.Attack a = scenario.attack();
      scenario = scenario.withAttack(new Scenario.Attack(a.targets(), a.checkpoints(), seeds));
    }
    AttackRun.Results results;
    try (ProgressBar bar = Progress.start("attack",
        (long) scenario.rounds() * scenario.attack().seeds())) {
      results = AttackRun.run(scenario, bar::stepTo);
    } catch (IOException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Path dir = ResultsFolder.create("attack", out);
    AttackReport report = new AttackReport(results, scenarioFile);
    report.write(dir);
    if (json != null) {
      AttackJson.write(json, report.summaries());
    }
    System.out.println(report.context());
    System.out.print(report.finalTable().toMarkdown());
    report.findings().forEach(System.out::println);
    System.out.printf("random guess: %.3f%nresults: %s%n", results.chance(),
        dir.toAbsolutePath());
    return 0;
  }
}
