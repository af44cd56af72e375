package org.sotto.simulations.privacy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.sotto.simulations.report.ResultsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto sim privacy}: the (epsilon, delta) a user keeps under Laplace(mu, b) noise, per
 * round and over many rounds, for conversations and dialing; the most rounds within a target; the
 * least noise for a target ({@code --solve-noise}); and what the noise costs the servers.
 */
@Command(name = "privacy", mixinStandardHelpOptions = true,
    description = "Privacy accountant: (epsilon, delta) per round and over k rounds for Laplace "
        + "noise, the most rounds within a target, the noise a target needs, and its cost.")
public final class PrivacyCommand implements Callable<Integer> {

  @Option(names = "--mu", description = "Laplace mu each server adds per round (default: ${DEFAULT-VALUE})",
      defaultValue = "300000")
  double mu;

  @Option(names = "--b", description = "Laplace b (default: ${DEFAULT-VALUE})", defaultValue = "13800")
  double b;

  @Option(names = "--rounds", description = "rounds a user takes part in (default: ${DEFAULT-VALUE})",
      defaultValue = "200000")
  long rounds;

  @Option(names = "--days", description = "instead of --rounds: days of continuous use, turned "
      + "into rounds by --round-interval-ms (conversation) and --dialing-interval-ms (dialing)")
  Double days;

  @Option(names = "--slots", defaultValue = "1", description = "onions every client sends per "
      + "conversation round; a pair chatting in all of them pays per slot (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--dialing-interval-ms", defaultValue = "10000",
      description = "time between dialing rounds (default: ${DEFAULT-VALUE})")
  long dialingIntervalMs;

  @Option(names = "--delta", description = "total delta budget over all rounds (default: ${DEFAULT-VALUE})",
      defaultValue = "1e-4")
  double delta;

  @Option(names = "--target-exp-epsilon", defaultValue = "2",
      description = "target e^epsilon over all rounds, for the most-rounds and noise questions "
          + "(default: ${DEFAULT-VALUE})")
  double targetExpEpsilon;

  @Option(names = "--dial-mu", description = "Laplace mu per dialing bucket (default: --mu)")
  Double dialMu;

  @Option(names = "--dial-b", description = "Laplace b per dialing bucket (default: --b)")
  Double dialB;

  @Option(names = "--solve-noise", description = "also find the least mu (and its best b) that "
      + "meets --target-exp-epsilon and --delta over --rounds")
  boolean solveNoise;

  @Option(names = "--mixnodes", defaultValue = "3", description = "mix nodes, for the cost (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "2", description = "dead-drop shards, for the cost (default: ${DEFAULT-VALUE})")
  int deadDrops;

  @Option(names = "--round-interval-ms", defaultValue = "2000", description = "round length, for bytes per second (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--users", defaultValue = "0", description = "connected users, to compare the noise with real traffic (default: ${DEFAULT-VALUE})")
  long users;

  @Option(names = "--out", description = "results folder (default: results/privacy-<timestamp>)")
  Path out;

  @Override
  public Integer call() throws Exception {
    String problem = problem();
    if (problem != null) {
      System.err.println(problem);
      return 2;
    }
    double maxEpsilon = Math.log(targetExpEpsilon);
    RoundCadence conversationClock = new RoundCadence(intervalMs, slots);
    RoundCadence dialingClock = new RoundCadence(dialingIntervalMs, 1);
    long conversationRounds = days != null ? conversationClock.roundsIn(days) : rounds;
    long dialingRounds = days != null ? dialingClock.roundsIn(days) : rounds;
    double dialingMu = dialMu != null ? dialMu : mu;
    double dialingB = dialB != null ? dialB : b;
    PrivacyStudy conversation = PrivacyStudy.of(ProtocolPrivacy.CONVERSATION, mu, b,
        conversationRounds * slots, maxEpsilon, delta);
    PrivacyStudy dialing = PrivacyStudy.of(ProtocolPrivacy.DIALING, dialingMu, dialingB,
        dialingRounds, maxEpsilon, delta);
    List<Protection> lasting = List.of(
        Protection.of(ProtocolPrivacy.CONVERSATION, mu, b, conversationClock, targetExpEpsilon,
            delta),
        Protection.of(ProtocolPrivacy.DIALING, dialingMu, dialingB, dialingClock,
            targetExpEpsilon, delta));
    NoiseCost cost = NoiseCost.estimate(mu, b, new ClusterShape(mixnodes, deadDrops, intervalMs),
        users, new SplittableRandom(1));
    NoiseSolver.Solution solution = solveNoise
        ? new NoiseSolver(ProtocolPrivacy.CONVERSATION, conversationRounds * slots, maxEpsilon,
            delta).solve()
        : null;
    PrivacyReport report = new PrivacyReport(delta, targetExpEpsilon, conversation, dialing,
        lasting, cost, solution, conversationClock);
    Path dir = ResultsFolder.create("privacy", out);
    report.write(dir);
    System.out.print(report.console());
    System.out.println("results: " + dir.toAbsolutePath());
    return 0;
  }

  private String problem() {
    if (!(mu >= 0) || !(b > 0)) {
      return "--mu must be >= 0 and --b > 0 (b = 0 means no noise: no privacy at all)";
    }
    if ((dialMu != null && !(dialMu >= 0)) || (dialB != null && !(dialB > 0))) {
      return "--dial-mu must be >= 0 and --dial-b > 0";
    }
    if (rounds < 1 || (days != null && !(days > 0))) {
      return "--rounds must be at least 1 and --days above 0";
    }
    if (slots < 1 || dialingIntervalMs < 1) {
      return "--slots must be at least 1 and --dialing-interval-ms positive";
    }
    if (!(delta > 0 && delta < 1)) {
      return "--delta must be between 0 and 1, e.g. 1e-4";
    }
    if (!(targetExpEpsilon > 1)) {
      return "--target-exp-epsilon must be above 1 (e^epsilon = 1 would mean epsilon = 0), e.g. 2";
    }
    if (mixnodes < 1 || deadDrops < 1 || intervalMs < 1 || users < 0) {
      return "--mixnodes and --deaddrops must be at least 1, --round-interval-ms positive, "
          + "--users not negative";
    }
    return null;
  }
}
