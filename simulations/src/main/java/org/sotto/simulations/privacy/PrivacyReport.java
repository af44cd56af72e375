package org.sotto.simulations.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/** Turns a privacy study into console lines, CSV files, the epsilon-vs-rounds plot and a summary. */
final class PrivacyReport {
  private final long rounds;
  private final double delta;
  private final double targetExpEpsilon;
  private final PrivacyStudy conversation;
  private final PrivacyStudy dialing;
  private final NoiseCost cost;
  private final NoiseSolver.Solution solution;

  PrivacyReport(long rounds, double delta, double targetExpEpsilon, PrivacyStudy conversation,
      PrivacyStudy dialing, NoiseCost cost, NoiseSolver.Solution solution) {
    this.rounds = rounds;
    this.delta = delta;
    this.targetExpEpsilon = targetExpEpsilon;
    this.conversation = conversation;
    this.dialing = dialing;
    this.cost = cost;
    this.solution = solution;
  }

  String console() {
    StringBuilder out = new StringBuilder();
    for (PrivacyStudy s : new PrivacyStudy[] {conversation, dialing}) {
      out.append(f("%s (Laplace mu=%s, b=%s at one honest server)%n", s.protocol().label(),
          Table.format(s.mu()), Table.format(s.b())));
      out.append(f("  one round:        epsilon = %.4g, delta = %.3g%n",
          s.perRound().epsilon(), s.perRound().delta()));
      Composition.Composed c = s.atRounds();
      out.append(c.feasible()
          ? f("  %d rounds:  epsilon = %.4f, e^epsilon = %.4f, delta = %.3g (%s composition)%n",
              rounds, c.epsilon(), c.expEpsilon(), c.delta(), c.rule().name().toLowerCase(Locale.ROOT))
          : f("  %d rounds:  the rounds' own deltas exceed delta = %.3g%n", rounds, delta));
      out.append(f("  most rounds with e^epsilon <= %s and delta <= %.3g: %d%n",
          Table.format(targetExpEpsilon), delta, s.maxRounds()));
    }
    out.append(f("noise cost (%d mix nodes, each adding %.0f requests per round on average):%n",
        cost.mixnodes(), cost.requestsPerMix()));
    out.append(f("  extra requests per round: %.0f%n", cost.extraRequestsPerRound()));
    for (NoiseCost.ServerLoad s : cost.servers()) {
      out.append(f("  %-22s noise %s/round, %s/s%s%n", s.server(), bytes(s.noiseBytes()),
          bytes(s.noiseBytes() * cost.roundsPerSecond()),
          s.realBytes() > 0 ? f("; real traffic %s/round", bytes(s.realBytes())) : ""));
    }
    if (solution != null) {
      out.append(f("least noise for e^epsilon <= %s, delta <= %.3g over %d conversation rounds: "
          + "mu = %.0f, b = %.0f (e^epsilon = %.4f)%n", Table.format(targetExpEpsilon), delta,
          rounds, solution.mu(), solution.b(), solution.composed().expEpsilon()));
    }
    return out.toString();
  }

  void write(Path dir) throws IOException {
    Table curve = new Table("protocol", "rounds", "epsilon", "exp_epsilon", "delta", "rule");
    Chart chart = new Chart("Privacy loss over rounds (e^epsilon, delta <= " + delta + ")",
        "rounds a user takes part in (log scale)", "e^epsilon").logX();
    for (PrivacyStudy s : new PrivacyStudy[] {conversation, dialing}) {
      var feasible = s.curve().stream().filter(Composition.Composed::feasible).toList();
      feasible.forEach(c -> curve.add(s.protocol().label(), c.rounds(), c.epsilon(),
          c.expEpsilon(), c.delta(), c.rule().name().toLowerCase(Locale.ROOT)));
      chart.line(s.protocol().label() + " (mu=" + Table.format(s.mu()) + ", b="
          + Table.format(s.b()) + ")",
          feasible.stream().mapToDouble(Composition.Composed::rounds).toArray(),
          feasible.stream().mapToDouble(Composition.Composed::expEpsilon).toArray());
    }
    double[] span = {1, conversation.curve().get(conversation.curve().size() - 1).rounds()};
    chart.line("target e^epsilon = " + Table.format(targetExpEpsilon), span,
        new double[] {targetExpEpsilon, targetExpEpsilon});
    curve.writeCsv(dir.resolve("privacy.csv"));
    chart.savePng(dir.resolve("epsilon-vs-rounds.png"));
    Table costs = costTable();
    costs.writeCsv(dir.resolve("cost.csv"));
    new Summary("Privacy accountant").paragraph("```\n" + console() + "```")
        .paragraph("Per-round loss from the conversation and dialing theorems of the Vuvuzela "
            + "paper (SOSP 2015, §6), composed over rounds with the advanced composition theorem "
            + "(Dwork, Rothblum, Vadhan 2010). See docs/researcher-guide.md.")
        .image("e^epsilon against rounds", "epsilon-vs-rounds.png")
        .heading("Cost of the noise per round").table(costs).write(dir);
  }

  private Table costTable() {
    Table t = new Table("server", "noise_bytes_per_round", "noise_bytes_per_second",
        "real_bytes_per_round");
    cost.servers().forEach(s -> t.add(s.server(), s.noiseBytes(),
        s.noiseBytes() * cost.roundsPerSecond(), s.realBytes()));
    return t;
  }

  private static String bytes(double n) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (n >= 1000 && u < units.length - 1) {
      n /= 1000;
      u++;
    }
    return f("%.1f %s", n, units[u]);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
