package org.sotto.simulations.scenario;

import java.nio.file.Path;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;

/**
 * One attack experiment, read from YAML (simulations/scenarios/reference.yaml documents every
 * key). Same seed, same numbers: every random choice in a run derives from {@code seed}.
 */
public record Scenario(long seed, int rounds, Population population, Conversations conversations,
    Churn churn, Baseline baseline, Sotto sotto, Attack attack) implements Validated {

  /** Who is there and whom they know. */
  public record Population(int users, int contactsPerUser) {}

  /** How people talk. */
  public record Conversations(double startProbability, double meanLengthRounds,
      double messageProbability, double contactPreference) {}

  /** Coming and going. */
  public record Churn(double meanOnlineRounds, double meanOfflineRounds) {}

  /** The original student design: one server, real messages only, flushed in batches. */
  public record Baseline(int batchSize) {}

  /**
   * Sotto as deployed: chain length, Laplace noise per mix, and what the adversary controls:
   * all mixes but one, and the share of rounds in which it blocks every client but two.
   */
  public record Sotto(int mixnodes, double noiseMu, double noiseB, boolean allButOneCompromised,
      double isolationShare, boolean compareWithoutNoise) {}

  /** Whom to attack and how often to measure. */
  public record Attack(int targets, int checkpoints) {}

  /** Every key is required: a left-out {@code noise-b} must not run as b = 0. */
  public static Scenario load(Path file) throws ConfigException {
    return YamlConfig.loadComplete(file, Scenario.class);
  }

  @Override
  public List<String> problems() {
    YamlConfig.Problems p = new YamlConfig.Problems()
        .check(rounds >= 1, "rounds: at least 1")
        .check(population != null, "population: missing section (users, contacts-per-user)")
        .check(conversations != null, "conversations: missing section")
        .check(churn != null, "churn: missing section (mean-online-rounds, mean-offline-rounds)")
        .check(baseline != null, "baseline: missing section (batch-size)")
        .check(sotto != null, "sotto: missing section (mixnodes, noise-mu, noise-b, "
            + "all-but-one-compromised, isolation-share, compare-without-noise)")
        .check(attack != null, "attack: missing section (targets, checkpoints)");
    if (population != null) {
      p.check(population.users() >= 3, "population.users: at least 3")
          .check(population.contactsPerUser() >= 1
              && population.contactsPerUser() < population.users(),
              "population.contacts-per-user: at least 1 and fewer than users")
          .check((long) population.users() * population.contactsPerUser() % 2 == 0,
              "population: users × contacts-per-user must be even (every contact has two ends)");
    }
    if (conversations != null) {
      p.check(isProbability(conversations.startProbability()),
              "conversations.start-probability: between 0 and 1")
          .check(conversations.meanLengthRounds() >= 1,
              "conversations.mean-length-rounds: at least 1")
          .check(isProbability(conversations.messageProbability()),
              "conversations.message-probability: between 0 and 1")
          .check(conversations.contactPreference() >= 0,
              "conversations.contact-preference: 0 (uniform) or more (Zipf exponent)");
    }
    if (churn != null) {
      p.check(churn.meanOnlineRounds() >= 1 && churn.meanOfflineRounds() >= 1,
          "churn: mean-online-rounds and mean-offline-rounds must be at least 1");
    }
    if (baseline != null) {
      p.check(baseline.batchSize() >= 2, "baseline.batch-size: at least 2");
    }
    if (sotto != null) {
      p.check(sotto.mixnodes() >= 1, "sotto.mixnodes: at least 1")
          .check(sotto.noiseMu() >= 0 && sotto.noiseB() >= 0,
              "sotto.noise-mu and sotto.noise-b: not negative (0 and 0 turn the noise off)")
          .check(isProbability(sotto.isolationShare()),
              "sotto.isolation-share: between 0 (a passive adversary) and 1");
    }
    if (attack != null && population != null) {
      p.check(attack.targets() >= 1 && attack.targets() <= population.users(),
              "attack.targets: between 1 and population.users")
          .check(attack.checkpoints() >= 1 && attack.checkpoints() <= rounds,
              "attack.checkpoints: between 1 and rounds");
    }
    return p.list();
  }

  private static boolean isProbability(double x) {
    return x >= 0 && x <= 1;
  }
}
