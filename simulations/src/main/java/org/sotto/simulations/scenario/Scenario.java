package org.sotto.simulations.scenario;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;

/**
 * One attack experiment, read from YAML (simulations/scenarios/reference.yaml documents every
 * key). Same seed, same numbers: every random choice in a run derives from {@code seed}.
 */
public record Scenario(long seed, int rounds, String traceFile, Population population,
    Conversations conversations, Churn churn, Baseline baseline, Sotto sotto, Adversary adversary,
    Attack attack) implements Validated {

  /** Who is there and whom they know. */
  public record Population(int users, int contactsPerUser) {}

  /**
   * How people talk. {@code permanent}: a conversation outlives offline spells, as the real
   * client's do (it sends to the conversation's dead drop whenever it is online, so the pair
   * shows whenever both partners are online); otherwise it ends when a partner leaves.
   */
  public record Conversations(double startProbability, double meanLengthRounds,
      double messageProbability, double contactPreference, boolean permanent) {}

  /**
   * Coming and going: sessions of geometric length; a share of the sessions are calls (the user
   * comes online to talk to a contact, who comes online too, and both leave when the call ends);
   * the rate of coming online can follow the time of day.
   */
  public record Churn(double meanOnlineRounds, double meanOfflineRounds, double callShare,
      double diurnalAmplitude) {}

  /** The original student design: one server, real messages only, flushed in batches. */
  public record Baseline(int batchSize) {}

  /** Sotto as deployed: chain length, Laplace noise per mix, round interval. */
  public record Sotto(int mixnodes, double noiseMu, double noiseB, long roundIntervalMs,
      boolean compareWithoutNoise) {}

  /**
   * Which servers the adversary runs (mixes by position, 1 = first), whether it also runs the
   * dead-drop servers or the coordinator or watches every client's network link, and the share
   * of rounds in which it blocks clients (an active adversary).
   */
  public record Adversary(int[] corruptMixes, boolean corruptDeadDrops,
      boolean corruptCoordinator, boolean watchesNetwork, double isolationShare) {}

  /** Whom to attack, how often to measure, and over how many seeds. */
  public record Attack(int targets, int checkpoints, int seeds) {}

  /** Every key is required: a left-out {@code noise-b} must not run as b = 0. */
  public static Scenario load(Path file) throws ConfigException {
    Scenario s = YamlConfig.loadComplete(file, Scenario.class);
    if (!s.traceFile().isBlank() && !Path.of(s.traceFile()).isAbsolute()) {
      Path folder = file.toAbsolutePath().getParent();
      return s.withTrace(folder.resolve(s.traceFile()).toString());
    }
    return s;
  }

  public boolean replaysTrace() {
    return !traceFile.isBlank();
  }

  public Scenario withSeed(long newSeed) {
    return new Scenario(newSeed, rounds, traceFile, population, conversations, churn, baseline,
        sotto, adversary, attack);
  }

  public Scenario withTrace(String file) {
    return new Scenario(seed, rounds, file, population, conversations, churn, baseline, sotto,
        adversary, attack);
  }

  public Scenario withSotto(Sotto newSotto) {
    return new Scenario(seed, rounds, traceFile, population, conversations, churn, baseline,
        newSotto, adversary, attack);
  }

  public Scenario withAdversary(Adversary newAdversary) {
    return new Scenario(seed, rounds, traceFile, population, conversations, churn, baseline,
        sotto, newAdversary, attack);
  }

  public Scenario withSize(int users, int newRounds) {
    return new Scenario(seed, newRounds, traceFile,
        new Population(users, population.contactsPerUser()), conversations, churn, baseline,
        sotto, adversary, attack);
  }

  public Scenario withAttack(Attack newAttack) {
    return new Scenario(seed, rounds, traceFile, population, conversations, churn, baseline,
        sotto, adversary, newAttack);
  }

  @Override
  public List<String> problems() {
    YamlConfig.Problems p = new YamlConfig.Problems()
        .check(rounds >= 1, "rounds: at least 1")
        .check(traceFile != null, "trace-file: \"\" to simulate users, or a CSV file to replay")
        .check(population != null, "population: missing section (users, contacts-per-user)")
        .check(conversations != null, "conversations: missing section")
        .check(churn != null, "churn: missing section (mean-online-rounds, mean-offline-rounds, "
            + "call-share, diurnal-amplitude)")
        .check(baseline != null, "baseline: missing section (batch-size)")
        .check(sotto != null, "sotto: missing section (mixnodes, noise-mu, noise-b, "
            + "round-interval-ms, compare-without-noise)")
        .check(adversary != null, "adversary: missing section (corrupt-mixes, "
            + "corrupt-dead-drops, corrupt-coordinator, watches-network, isolation-share)")
        .check(attack != null, "attack: missing section (targets, checkpoints, seeds)");
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
              "churn: mean-online-rounds and mean-offline-rounds must be at least 1")
          .check(isProbability(churn.callShare()), "churn.call-share: between 0 and 1")
          .check(churn.diurnalAmplitude() >= 0 && churn.diurnalAmplitude() < 1,
              "churn.diurnal-amplitude: at least 0 (no daily rhythm) and below 1");
    }
    if (baseline != null) {
      p.check(baseline.batchSize() >= 2, "baseline.batch-size: at least 2");
    }
    if (sotto != null) {
      p.check(sotto.mixnodes() >= 1, "sotto.mixnodes: at least 1")
          .check(sotto.noiseMu() >= 0 && sotto.noiseB() >= 0,
              "sotto.noise-mu and sotto.noise-b: not negative (0 and 0 turn the noise off)")
          .check(sotto.roundIntervalMs() >= 1, "sotto.round-interval-ms: at least 1");
    }
    if (adversary != null && sotto != null) {
      p.check(adversary.corruptMixes() != null && Arrays.stream(adversary.corruptMixes())
              .allMatch(m -> m >= 1 && m <= sotto.mixnodes())
              && Arrays.stream(adversary.corruptMixes()).distinct().count()
                  == adversary.corruptMixes().length,
              "adversary.corrupt-mixes: distinct positions from 1 to sotto.mixnodes, e.g. [2, 3]")
          .check(isProbability(adversary.isolationShare()),
              "adversary.isolation-share: between 0 (a passive adversary) and 1");
    }
    if (attack != null && population != null) {
      p.check(attack.targets() >= 1 && attack.targets() <= population.users(),
              "attack.targets: between 1 and population.users")
          .check(attack.checkpoints() >= 1 && attack.checkpoints() <= rounds,
              "attack.checkpoints: between 1 and rounds")
          .check(attack.seeds() >= 1, "attack.seeds: at least 1");
    }
    return p.list();
  }

  private static boolean isProbability(double x) {
    return x >= 0 && x <= 1;
  }
}
