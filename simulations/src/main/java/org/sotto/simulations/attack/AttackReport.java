package org.sotto.simulations.attack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/** Writes an attack run as attack.csv, two plots against rounds, and summary.md. */
final class AttackReport {
  private final AttackRun.Results results;
  private final Path scenarioFile;

  AttackReport(AttackRun.Results results, Path scenarioFile) {
    this.results = results;
    this.scenarioFile = scenarioFile;
  }

  void write(Path dir) throws IOException {
    Table all = new Table("round", "system", "attack", "contacts_identified", "entropy_bits",
        "degree_of_anonymity");
    results.points().forEach(p -> all.add(p.round(), p.contest().system().label(),
        p.contest().attack().label(), p.metrics().contactsIdentified(),
        p.metrics().entropyBits(), p.metrics().degreeOfAnonymity()));
    all.writeCsv(dir.resolve("attack.csv"));
    chart("Share of a target's contacts identified", "contacts identified (share)",
        m -> m.contactsIdentified(), true).savePng(dir.resolve("attack-success-vs-rounds.png"));
    chart("Degree of anonymity (Díaz et al. 2002)", "degree of anonymity (1 = no information)",
        m -> m.degreeOfAnonymity(), false).savePng(dir.resolve("anonymity-vs-rounds.png"));
    new Summary("Attack simulation").paragraph(context())
        .table(finalTable())
        .paragraph(String.format(Locale.ROOT, "Random guessing identifies %.3f of the contacts. "
            + "Contacts identified: the share of each target's contacts among the attack's top "
            + "guesses; entropy: bits of the adversary's distribution over the other users; "
            + "degree of anonymity: entropy / log2(users − 1). See docs/researcher-guide.md.",
            results.chance()))
        .image("contacts identified against rounds", "attack-success-vs-rounds.png")
        .image("degree of anonymity against rounds", "anonymity-vs-rounds.png")
        .write(dir);
  }

  /** The metrics at the last round, one row per contest: also what the console prints. */
  Table finalTable() {
    Table t = new Table("system", "attack", "contacts identified", "entropy (bits)",
        "degree of anonymity");
    for (AttackRun.Contest c : results.contests()) {
      AnonymityMetrics m = results.last(c).metrics();
      t.add(c.system().label(), c.attack().label(), m.contactsIdentified(), m.entropyBits(),
          m.degreeOfAnonymity());
    }
    return t;
  }

  String context() {
    var s = results.scenario();
    return String.format(Locale.ROOT, "Scenario %s (seed %d): %d users with %d contacts each, "
        + "%d rounds, %d targets. Baseline: batches of %d; %d messages in %d batches. Sotto: "
        + "%d mix nodes, Laplace(mu=%s, b=%s) per mix, %s; %d rounds isolated by an active "
        + "adversary.", scenarioFile, s.seed(), s.population().users(),
        s.population().contactsPerUser(), s.rounds(), s.attack().targets(),
        s.baseline().batchSize(), results.baselineMessages(), results.baselineBatches(),
        s.sotto().mixnodes(), Table.format(s.sotto().noiseMu()), Table.format(s.sotto().noiseB()),
        s.sotto().allButOneCompromised() ? "all mixes but one compromised"
            : "no mix compromised", results.isolatedRounds());
  }

  private Chart chart(String title, String yLabel,
      java.util.function.ToDoubleFunction<AnonymityMetrics> metric, boolean withChance) {
    Chart chart = new Chart(title + ": baseline vs Sotto", "rounds", yLabel);
    for (AttackRun.Contest c : results.contests()) {
      List<AttackRun.Point> points = results.of(c);
      chart.line(c.label(), points.stream().mapToDouble(AttackRun.Point::round).toArray(),
          points.stream().mapToDouble(p -> metric.applyAsDouble(p.metrics())).toArray());
    }
    if (withChance) {
      chart.line("random guess", new double[] {0, results.scenario().rounds()},
          new double[] {results.chance(), results.chance()});
    }
    return chart;
  }
}
