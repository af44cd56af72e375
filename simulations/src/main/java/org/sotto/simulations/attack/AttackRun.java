package org.sotto.simulations.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.sotto.simulations.attack.AttackKind.System;
import org.sotto.simulations.attack.observe.BaselineMix;
import org.sotto.simulations.attack.observe.IsolationSchedule;
import org.sotto.simulations.attack.observe.SottoObserver;
import org.sotto.simulations.scenario.ContactGraph;
import org.sotto.simulations.scenario.RoundActivity;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.TrafficModel;

/**
 * One attack experiment: the scenario's users are simulated round by round, the same activity is
 * fed through the baseline and through Sotto (and, if asked, Sotto without noise), every attack
 * that can read a system's observations attacks every target, and at each checkpoint the metrics
 * are averaged over the targets.
 *
 * <p>Reproducible: the seed feeds one {@link SplittableRandom} whose splits drive, separately, the
 * contact graph, the users, the baseline mix, Sotto's cover traffic and noise, the targets and the
 * isolation schedule, so changing one part of a scenario does not reshuffle the others.
 */
public final class AttackRun {
  private AttackRun() {}

  /** One attack against one system. */
  public record Contest(System system, AttackKind attack) {
    public String label() {
      return system.label() + ": " + attack.label();
    }
  }

  /** The metrics of one contest at one checkpoint, averaged over the targets. */
  public record Point(long round, Contest contest, AnonymityMetrics metrics) {}

  /** Everything a run measured, plus a little context for the report. */
  public record Results(Scenario scenario, List<Contest> contests, List<Point> points,
      long baselineMessages, long baselineBatches, long isolatedRounds, double chance) {

    public List<Point> of(Contest contest) {
      return points.stream().filter(p -> p.contest().equals(contest)).toList();
    }

    public Point last(Contest contest) {
      List<Point> mine = of(contest);
      return mine.get(mine.size() - 1);
    }

    public Point last(System system, AttackKind attack) {
      return last(new Contest(system, attack));
    }
  }

  public static Results run(Scenario s, LongConsumer roundDone) {
    SplittableRandom root = new SplittableRandom(s.seed());
    SplittableRandom graphRandom = root.split();
    SplittableRandom usersRandom = root.split();
    SplittableRandom mixRandom = root.split();
    SplittableRandom sottoRandom = root.split();
    SplittableRandom targetRandom = root.split();
    SplittableRandom isolationRandom = root.split();
    int users = s.population().users();
    ContactGraph graph = ContactGraph.randomRegular(users, s.population().contactsPerUser(),
        graphRandom);
    int[] targets = pickTargets(users, s.attack().targets(), targetRandom);
    Map<System, SottoObserver> sottos = new LinkedHashMap<>();
    sottos.put(System.SOTTO, new SottoObserver(s.sotto(), sottoRandom.split()));
    if (s.sotto().compareWithoutNoise()) {
      Scenario.Sotto quiet = new Scenario.Sotto(s.sotto().mixnodes(), 0, 0,
          s.sotto().allButOneCompromised(), s.sotto().isolationShare(), false);
      sottos.put(System.SOTTO_WITHOUT_NOISE, new SottoObserver(quiet, sottoRandom.split()));
    }
    Map<Contest, Attack[]> attacks = new LinkedHashMap<>();
    for (System system : System.values()) {
      if (system != System.BASELINE && !sottos.containsKey(system)) {
        continue;
      }
      for (AttackKind kind : AttackKind.values()) {
        if (kind.reads(system)) {
          attacks.put(new Contest(system, kind), IntStream.range(0, targets.length)
              .mapToObj(i -> kind.create(users, targets[i], graph.contactsOf(targets[i]).length))
              .toArray(Attack[]::new));
        }
      }
    }
    TrafficModel model = new TrafficModel(s, graph, usersRandom);
    BaselineMix mix = new BaselineMix(s.baseline().batchSize(), mixRandom);
    IsolationSchedule isolation = new IsolationSchedule(s.sotto().isolationShare(), targets, users,
        isolationRandom);
    List<Point> points = new ArrayList<>();
    long messages = 0;
    long batches = 0;
    long isolatedRounds = 0;
    int nextCheckpoint = 1;
    for (long r = 1; r <= s.rounds(); r++) {
      RoundActivity activity = model.next();
      messages += activity.messages().size();
      Map<System, List<? extends Observation>> seen = new LinkedHashMap<>();
      List<Observation.Batch> flushed = mix.observe(activity);
      batches += flushed.size();
      seen.put(System.BASELINE, flushed);
      IsolationSchedule.Pair isolated = isolation.next(activity.online());
      isolatedRounds += isolated == null ? 0 : 1;
      sottos.forEach((system, sotto) -> seen.put(system, isolated == null
          ? sotto.observe(activity) : sotto.observeIsolated(activity, isolated)));
      attacks.forEach((contest, perTarget) -> {
        for (Attack a : perTarget) {
          seen.get(contest.system()).forEach(a::observe);
        }
      });
      if (r == checkpoint(nextCheckpoint, s)) {
        long round = r;
        attacks.forEach((contest, perTarget) ->
            points.add(new Point(round, contest, average(perTarget, targets, graph))));
        nextCheckpoint++;
      }
      roundDone.accept(r);
    }
    return new Results(s, List.copyOf(attacks.keySet()), List.copyOf(points), messages, batches,
        isolatedRounds, AnonymityMetrics.chance(users, s.population().contactsPerUser()));
  }

  /** The i-th of the scenario's evenly spaced checkpoints (1-based), the last at the last round. */
  static long checkpoint(int i, Scenario s) {
    return Math.round((double) i * s.rounds() / s.attack().checkpoints());
  }

  private static AnonymityMetrics average(Attack[] perTarget, int[] targets, ContactGraph graph) {
    double identified = 0;
    double entropy = 0;
    double degree = 0;
    for (int i = 0; i < targets.length; i++) {
      AnonymityMetrics m = AnonymityMetrics.of(perTarget[i].scores(), targets[i],
          graph.contactsOf(targets[i]));
      identified += m.contactsIdentified();
      entropy += m.entropyBits();
      degree += m.degreeOfAnonymity();
    }
    int n = targets.length;
    return new AnonymityMetrics(identified / n, entropy / n, degree / n);
  }

  private static int[] pickTargets(int users, int count, SplittableRandom random) {
    int[] all = IntStream.range(0, users).toArray();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(users - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, count);
  }
}
