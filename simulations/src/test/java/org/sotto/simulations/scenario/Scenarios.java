package org.sotto.simulations.scenario;

import java.nio.file.Path;
import org.sotto.core.config.ConfigException;

/** The scenario files shipped in simulations/scenarios/, and variations of them for tests. */
public final class Scenarios {
  private Scenarios() {}

  public static Scenario small() {
    return load("small.yaml");
  }

  public static Scenario reference() {
    return load("reference.yaml");
  }

  public static Scenario load(String name) {
    try {
      return Scenario.load(Path.of("scenarios", name));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Scenario withNoise(Scenario s, double mu, double b) {
    Scenario.Sotto o = s.sotto();
    return s.withSotto(new Scenario.Sotto(o.mixnodes(), mu, b, o.roundIntervalMs(),
        o.compareWithoutNoise()));
  }

  public static Scenario comparingWithoutNoise(Scenario s) {
    Scenario.Sotto o = s.sotto();
    return s.withSotto(new Scenario.Sotto(o.mixnodes(), o.noiseMu(), o.noiseB(),
        o.roundIntervalMs(), true));
  }

  public static Scenario withIsolation(Scenario s, double share) {
    Scenario.Adversary a = s.adversary();
    return s.withAdversary(new Scenario.Adversary(a.corruptMixes(), a.corruptDeadDrops(),
        a.corruptCoordinator(), a.watchesNetwork(), share));
  }

  public static Scenario withSeed(Scenario s, long seed) {
    return s.withSeed(seed);
  }

  public static Scenario with(Scenario s, int users, int rounds) {
    return s.withSize(users, rounds);
  }

  public static Scenario measuring(Scenario s, int targets, int checkpoints, int seeds) {
    return s.withAttack(new Scenario.Attack(targets, checkpoints, seeds));
  }
}
