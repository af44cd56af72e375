package org.sotto.simulations.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/** Where a run's users come from: simulated ({@link TrafficModel}) or replayed from a trace. */
public interface Traffic {

  /** Advances the clock one round and reports what happened in it. */
  RoundActivity next();

  /** Who knows whom: the ground truth the attacks are scored against. */
  ContactGraph contacts();

  /** The scenario's traffic: its trace file if it names one, else simulated users. */
  static Traffic of(Scenario s, RandomGenerator graphRandom, RandomGenerator usersRandom)
      throws IOException {
    if (s.replaysTrace()) {
      return TraceReplay.load(Path.of(s.traceFile()), s.population().users(),
          s.conversations().messageProbability(), usersRandom);
    }
    ContactGraph graph = ContactGraph.randomRegular(s.population().users(),
        s.population().contactsPerUser(), graphRandom);
    return new TrafficModel(s, graph, usersRandom);
  }
}
