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
    return new Scenario(s.seed(), s.rounds(), s.population(), s.conversations(), s.churn(),
        s.baseline(), new Scenario.Sotto(o.mixnodes(), mu, b, o.allButOneCompromised(),
        o.isolationShare(), o.compareWithoutNoise()),
        s.attack());
  }

  public static Scenario withSeed(Scenario s, long seed) {
    return new Scenario(seed, s.rounds(), s.population(), s.conversations(), s.churn(),
        s.baseline(), s.sotto(), s.attack());
  }

  public static Scenario with(Scenario s, int users, int rounds) {
    return new Scenario(s.seed(), rounds, new Scenario.Population(users,
        s.population().contactsPerUser()), s.conversations(), s.churn(), s.baseline(), s.sotto(),
        s.attack());
  }
}
