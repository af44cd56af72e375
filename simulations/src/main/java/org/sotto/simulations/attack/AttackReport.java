package org.sotto.simulations.attack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sotto.simulations.attack.AttackKind.System;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/**
 * Writes an attack run as attack.csv (every metric at every checkpoint), one success chart per
 * system (same axes, chance dashed, so the charts compare), and summary.md with the final table,
 * what gave targets away, and any attack that gave up.
 */
final class AttackReport {
  private final AttackRun.Results results;
  private final Path scenarioFile;
  private final List<ContestSummary> summaries;

  AttackReport(AttackRun.Results results, Path scenarioFile) {
    this.results = results;
    this.scenarioFile = scenarioFile;
    this.summaries = results.contests().stream().map(c -> ContestSummary.of(results, c))
        .toList();
  }

  List<ContestSummary> summaries() {
    return summaries;
  }

  void write(Path dir) throws IOException {
    Table all = new Table("seeds", "round", "system", "attack", "contacts_identified",
        "entropy_bits", "degree_of_anonymity");
    results.points().forEach(p -> all.add(results.scenario().attack().seeds(), p.round(),
        p.contest().system().label(), p.contest().attack().label(),
        p.metrics().contactsIdentified(), p.metrics().entropyBits(),
        p.metrics().degreeOfAnonymity()));
    all.writeCsv(dir.resolve("attack.csv"));
    Summary summary = new Summary("Attack simulation").paragraph(context())
        .table(finalTable());
    findings().forEach(summary::paragraph);
    summary.paragraph(String.format(Locale.ROOT, "Random guessing identifies %.3f of the "
        + "contacts. Contacts identified: the expected share of each target's contacts among "
        + "the attack's top guesses (ties broken at random); 95 %% CI over %s; time to identify: "
        + "median checkpoint since which the top suspects are contacts, in rounds and at %d ms "
        + "a round; entropy only for attacks with a posterior. See docs/researcher-guide.md.",
        results.chance(), results.scenario().attack().seeds() > 1 ? "seeds" : "targets",
        results.scenario().sotto().roundIntervalMs()));
    for (System system : System.values()) {
      List<ContestSummary> mine = summaries.stream()
          .filter(s -> s.contest().system() == system).toList();
      if (!mine.isEmpty()) {
        String file = "success-" + system.name().toLowerCase(Locale.ROOT).replace('_', '-')
            + ".png";
        successChart(system, mine).savePng(dir.resolve(file));
        summary.image("contacts identified against rounds: " + system.label(), file);
      }
    }
    summary.write(dir);
  }

  /** The final metrics, one row per contest: also what the console prints. */
  Table finalTable() {
    Table t = new Table("system", "attack", "reads", "contacts identified", "95% CI",
        "time to identify", "entropy (bits)", "degree of anonymity");
    for (ContestSummary s : summaries) {
      AnonymityMetrics m = s.curve().get(s.curve().size() - 1).metrics();
      t.add(s.contest().system().label(), s.contest().attack().label(),
          s.contest().attack().reads(), s.finalSuccess(), interval(s), timeToIdentify(s),
          Double.isNaN(m.entropyBits()) ? "n/a (no posterior)" : Table.format(m.entropyBits()),
          Double.isNaN(m.degreeOfAnonymity()) ? "n/a" : Table.format(m.degreeOfAnonymity()));
    }
    return t;
  }

  /** Sentences for the reader: what gave targets away, and attacks that gave up. */
  List<String> findings() {
    List<String> out = new ArrayList<>();
    double chance = results.chance();
    for (ContestSummary s : summaries) {
      AttackRun.Contest c = s.contest();
      if (c.system() != System.BASELINE && s.finalSuccess() >= Math.max(0.5, 2 * chance)) {
        out.add(String.format(Locale.ROOT, "Against %s, %s found %.0f %% of a target's contacts "
            + "(chance %.1f %%): what gave them away is %s.", c.system().label(),
            c.attack().label(), 100 * s.finalSuccess(), 100 * chance, c.attack().reads()));
      }
      results.gaveUp().get(c).stream().findFirst().ifPresent(reason -> out.add(
          String.format(Locale.ROOT, "%s: %s (for %s).", c.label(), reason,
              results.gaveUp().get(c).size() > 1 ? "several targets" : "a target")));
    }
    return out;
  }

  private static String interval(ContestSummary s) {
    return Double.isNaN(s.success().low()) ? "n/a (one unit)"
        : "[" + Table.format(s.success().low()) + ", " + Table.format(s.success().high()) + "]";
  }

  private String timeToIdentify(ContestSummary s) {
    if (!s.identifies()) {
      return "not within the run";
    }
    double seconds = s.medianRoundsToIdentify() * results.scenario().sotto().roundIntervalMs()
        / 1000.0;
    String clock = seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
        : seconds < 7200 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
        : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    return s.medianRoundsToIdentify() + " rounds (" + clock + ")";
  }

  String context() {
    var s = results.scenario();
    String users = s.replaysTrace() ? String.format(Locale.ROOT, "%d users replayed from %s",
        s.population().users(), s.traceFile())
        : String.format(Locale.ROOT, "%d users with %d contacts each (%.0f %% of sessions are "
            + "calls)", s.population().users(), s.population().contactsPerUser(),
            100 * s.churn().callShare());
    return String.format(Locale.ROOT, "Scenario %s (seed %d, %d seed%s): %s, %d rounds, %d "
        + "targets per seed. Baseline: batches of %d; %d messages in %d batches. Sotto: %d mix "
        + "nodes, Laplace(mu=%s, b=%s) per mix. %s %d rounds tampered with.", scenarioFile,
        s.seed(), s.attack().seeds(), s.attack().seeds() == 1 ? "" : "s", users, s.rounds(),
        s.attack().targets(), s.baseline().batchSize(), results.baselineMessages(),
        results.baselineBatches(), s.sotto().mixnodes(), Table.format(s.sotto().noiseMu()),
        Table.format(s.sotto().noiseB()), results.adversary().describe(),
        results.tamperedRounds());
  }

  private Chart successChart(System system, List<ContestSummary> mine) {
    double rounds = results.scenario().rounds();
    Chart chart = new Chart("Share of a target's contacts identified: " + system.label(),
        "rounds", "contacts identified (share)").xBetween(0, rounds).yBetween(0, 1);
    for (ContestSummary s : mine) {
      // Lines that lie on the chance line would hide each other: the legend says so instead.
      boolean atChance = s.curve().stream().allMatch(p ->
          Math.abs(p.metrics().contactsIdentified() - results.chance()) < 1e-9);
      chart.line(s.contest().attack().label() + (atChance ? " (at chance throughout)" : ""),
          s.curve().stream().mapToDouble(AttackRun.Point::round).toArray(),
          s.curve().stream().mapToDouble(p -> p.metrics().contactsIdentified()).toArray());
    }
    return chart.reference(String.format(Locale.ROOT, "chance (%.3f)", results.chance()), 0,
        rounds, results.chance());
  }
}
