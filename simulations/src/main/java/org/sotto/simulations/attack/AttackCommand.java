package org.sotto.simulations.attack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.sotto.core.config.ConfigException;
import org.sotto.simulations.report.ResultsFolder;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.report.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto sim attack --scenario FILE}: simulates the scenario's users, runs every attack
 * against the baseline and against Sotto, and writes the results folder.
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
    description = "Traffic-analysis attacks (statistical disclosure, hitting set, count, "
        + "isolation) against the baseline and against Sotto, on a seeded scenario.")
public final class AttackCommand implements Callable<Integer> {

  @Option(names = "--scenario", required = true,
      description = "scenario YAML, e.g. simulations/scenarios/reference.yaml")
  Path scenarioFile;

  @Option(names = "--seed", description = "override the scenario's seed")
  Long seed;

  @Option(names = "--out", description = "results folder (default: results/attack-<timestamp>)")
  Path out;

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
      scenario = new Scenario(seed, scenario.rounds(), scenario.population(),
          scenario.conversations(), scenario.churn(), scenario.baseline(), scenario.sotto(),
          scenario.attack());
    }
    AttackRun.Results results;
    try (ProgressBar bar = Progress.start("attack", scenario.rounds())) {
      results = AttackRun.run(scenario, bar::stepTo);
    }
    Path dir = ResultsFolder.create("attack", out);
    AttackReport report = new AttackReport(results, scenarioFile);
    report.write(dir);
    System.out.println(report.context());
    System.out.print(report.finalTable().toMarkdown());
    System.out.printf("random guess: %.3f%nresults: %s%n", results.chance(),
        dir.toAbsolutePath());
    return 0;
  }
}
