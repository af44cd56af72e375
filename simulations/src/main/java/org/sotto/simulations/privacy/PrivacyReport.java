package org.sotto.simulations.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sotto.simulations.report.Chart;
import org.sotto.simulations.report.Summary;
import org.sotto.simulations.report.Table;

/** Turns a privacy study into console lines, CSV files, the epsilon-vs-rounds plot and a summary. */
final class PrivacyReport {
  private final double delta;
  private final double targetExpEpsilon;
  private final PrivacyStudy conversation;
  private final PrivacyStudy dialing;
  private final List<Protection> lasting;
  private final NoiseCost cost;
  private final NoiseSolver.Solution solution;
  private final RoundCadence clock;

  PrivacyReport(double delta, double targetExpEpsilon, PrivacyStudy conversation,
      PrivacyStudy dialing, List<Protection> lasting, NoiseCost cost,
      NoiseSolver.Solution solution, RoundCadence clock) {
    this.clock = clock;
    this.lasting = lasting;
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
      long rounds = c.rounds();
      out.append(c.feasible()
          ? f("  %d uses:  epsilon = %.4f, e^epsilon = %.4f, delta = %.3g (%s composition)%n",
              rounds, c.epsilon(), c.expEpsilon(), c.delta(), c.rule().name().toLowerCase(Locale.ROOT))
          : f("  %d rounds:  the rounds' own deltas exceed delta = %.3g%n", rounds, delta));
      Composition.Composed t = s.tightAtRounds();
      out.append(t.feasible()
          ? f("  %d uses:  epsilon = %.4f, e^epsilon = %.4f, delta = %.3g (privacy-loss "
              + "distribution, tight)%n", t.rounds(), t.epsilon(), t.expEpsilon(), t.delta())
          : f("  %d uses:  no epsilon within delta = %.3g (privacy-loss distribution)%n",
              t.rounds(), delta));
      out.append(f("  most uses with e^epsilon <= %s and delta <= %.3g: %d (advanced composition), "
          + "%d (privacy-loss distribution)%n", Table.format(targetExpEpsilon), delta,
          s.maxRounds(), s.tightMaxRounds()));
      out.append(f("  the curve stops at %d uses: %s%n", lastFeasible(s),
          lastFeasible(s) < s.curve().get(s.curve().size() - 1).rounds()
              ? "beyond it the uses' own deltas exceed the delta budget"
              : "the end of the range plotted (twice the rounds asked or the most within the "
                  + "target)"));
    }
    out.append(f("how long the noise lasts with continuous use (a use is one onion in one "
        + "round):%n"));
    for (Protection p : lasting) {
      out.append(f("  %s%n", p.sentence("a " + p.protocol().label() + " user")));
      PrivacyStudy study = p.protocol() == ProtocolPrivacy.CONVERSATION ? conversation : dialing;
      long tightRounds = p.schedule().roundsFor(study.tightMaxRounds());
      out.append(f("    by the privacy-loss distribution: %.1f days (%,d rounds)%n",
          p.schedule().days(tightRounds), tightRounds));
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
      out.append(f("least noise for e^epsilon <= %s, delta <= %.3g over %d conversation uses: "
          + "mu = %.0f, b = %.0f (e^epsilon = %.4f)%n", Table.format(targetExpEpsilon), delta,
          solution.composed().rounds(), solution.mu(), solution.b(), solution.composed().expEpsilon()));
    }
    return out.toString();
  }

  void write(Path dir) throws IOException {
    Table curve = new Table("protocol", "rounds", "epsilon", "exp_epsilon", "delta", "rule");
    Chart chart = new Chart("Privacy loss over rounds (e^epsilon, delta <= " + delta + ")",
        f("uses a user takes part in (log scale); a day of conversation rounds is %,d uses",
            clock.usesIn(1)), "e^epsilon").logX();
    for (PrivacyStudy s : new PrivacyStudy[] {conversation, dialing}) {
      var feasible = s.curve().stream().filter(Composition.Composed::feasible).toList();
      if (feasible.isEmpty()) {
        continue; // not even one round fits the delta budget: nothing to plot
      }
      feasible.forEach(c -> curve.add(s.protocol().label(), c.rounds(), c.epsilon(),
          c.expEpsilon(), c.delta(), c.rule().name().toLowerCase(Locale.ROOT)));
      String noise = " (mu=" + Table.format(s.mu()) + ", b=" + Table.format(s.b()) + ")";
      chart.line(s.protocol().label() + noise + ", advanced composition",
          feasible.stream().mapToDouble(Composition.Composed::rounds).toArray(),
          feasible.stream().mapToDouble(Composition.Composed::expEpsilon).toArray());
      var tight = s.tightCurve().stream().filter(Composition.Composed::feasible).toList();
      tight.forEach(c -> curve.add(s.protocol().label(), c.rounds(), c.epsilon(),
          c.expEpsilon(), c.delta(), "pld"));
      if (!tight.isEmpty()) {
        chart.line(s.protocol().label() + noise + ", privacy-loss distribution",
            tight.stream().mapToDouble(Composition.Composed::rounds).toArray(),
            tight.stream().mapToDouble(Composition.Composed::expEpsilon).toArray());
      }
    }
    double[] span = {1, conversation.curve().get(conversation.curve().size() - 1).rounds()};
    chart.reference("target e^epsilon = " + Table.format(targetExpEpsilon), span[0], span[1],
        targetExpEpsilon);
    curve.writeCsv(dir.resolve("privacy.csv"));
    chart.savePng(dir.resolve("epsilon-vs-rounds.png"));
    Table costs = costTable();
    costs.writeCsv(dir.resolve("cost.csv"));
    new Summary("Privacy accountant").paragraph("```\n" + console() + "```")
        .paragraph("Per-round loss from the conversation theorem of the Vuvuzela paper (SOSP "
            + "2015, §6) and Sotto's two-bucket dialing bound, composed over uses (rounds times "
            + "slots) with the advanced composition theorem (Dwork, Rothblum, Vadhan 2010) and, "
            + "tightly, with the privacy-loss distribution (Meiser and Mohammadi, CCS 2018; "
            + "Koskela, Jälkö and Honkela, AISTATS 2020). See docs/researcher-guide.md.")
        .image("e^epsilon against rounds", "epsilon-vs-rounds.png")
        .heading("Cost of the noise per round").table(costs).write(dir);
  }

  private static long lastFeasible(PrivacyStudy s) {
    return s.curve().stream().filter(Composition.Composed::feasible)
        .mapToLong(Composition.Composed::rounds).max().orElse(0);
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
