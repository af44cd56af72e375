package org.sotto.simulations.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.sotto.deaddrop.DeadDropExchange;
import org.sotto.simulations.attack.AttackKind.System;
import org.sotto.simulations.attack.observe.AdversaryModel;
import org.sotto.simulations.attack.observe.BaselineMix;
import org.sotto.simulations.attack.observe.SottoObserver;
import org.sotto.simulations.scenario.ContactGraph;
import org.sotto.simulations.scenario.RoundActivity;
import org.sotto.simulations.scenario.Scenario;
import org.sotto.simulations.scenario.Traffic;

/**
 * One attack experiment: for each seed, the scenario's users are simulated (or replayed) round by
 * round, the same activity is fed through the baseline and through Sotto (and, if asked, Sotto
 * without noise), every attack the adversary can run against a system attacks every target, and
 * at each checkpoint the metrics are taken per target. Results are averaged over the targets of
 * every seed; the spread over seeds (or over targets, with one seed) gives confidence intervals.
 *
 * <p>Reproducible: each seed feeds one {@link SplittableRandom} whose splits drive, separately,
 * the contact graph, the users, the baseline mix, Sotto's cover traffic and noise, the targets
 * and the tampering schedule, so changing one part of a scenario does not reshuffle the others.
 * Seeds are the scenario's seed, seed + 1, and so on.
 */
public final class AttackRun {
  private AttackRun() {}

  /** One attack against one system. */
  public record Contest(System system, AttackKind attack) {
    public String label() {
      return system.label() + ": " + attack.label();
    }
  }

  /**
   * One contest at one checkpoint: the metrics averaged over every target of every seed, and the
   * success of each independent unit (each seed's mean, or each target's with one seed).
   */
  public record Point(long round, Contest contest, AnonymityMetrics metrics,
      double[] successPerUnit) {}

  /** Everything a run measured, plus a little context for the report. */
  public record Results(Scenario scenario, AdversaryModel adversary, List<Contest> contests,
      List<Point> points, Map<Contest, long[]> identifiedAt, Map<Contest, Set<String>> gaveUp,
      long baselineMessages, long baselineBatches, long tamperedRounds, double chance) {

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

    public boolean has(System system, AttackKind attack) {
      return contests.contains(new Contest(system, attack));
    }
  }

  public static Results run(Scenario s, LongConsumer roundDone) throws IOException {
    AdversaryModel adversary = AdversaryModel.of(s);
    List<SeedRun> runs = new ArrayList<>();
    for (int i = 0; i < s.attack().seeds(); i++) {
      long offset = (long) i * s.rounds();
      SeedRun run = new SeedRun(s.withSeed(s.seed() + i), adversary);
      run.play(r -> roundDone.accept(offset + r));
      runs.add(run);
    }
    return combine(s, adversary, runs);
  }

  private static Results combine(Scenario s, AdversaryModel adversary, List<SeedRun> runs) {
    SeedRun first = runs.get(0);
    List<Point> points = new ArrayList<>();
    Map<Contest, long[]> identifiedAt = new LinkedHashMap<>();
    Map<Contest, Set<String>> gaveUp = new LinkedHashMap<>();
    for (int c = 0; c < first.contests.size(); c++) {
      Contest contest = first.contests.get(c);
      for (int k = 0; k < first.checkpoints.size(); k++) {
        List<AnonymityMetrics> all = new ArrayList<>();
        double[] units = new double[runs.size() == 1 ? first.targets.length : runs.size()];
        for (int i = 0; i < runs.size(); i++) {
          AnonymityMetrics[] perTarget = runs.get(i).metrics.get(c).get(k);
          all.addAll(Arrays.asList(perTarget));
          double seedMean = Arrays.stream(perTarget)
              .mapToDouble(AnonymityMetrics::contactsIdentified).average().orElse(0);
          if (runs.size() > 1) {
            units[i] = seedMean;
          } else {
            for (int t = 0; t < perTarget.length; t++) {
              units[t] = perTarget[t].contactsIdentified();
            }
          }
        }
        points.add(new Point(first.checkpoints.get(k), contest, mean(all), units));
      }
      int contestIndex = c;
      identifiedAt.put(contest, runs.stream()
          .flatMapToLong(r -> Arrays.stream(r.identifiedSince.get(contestIndex))).toArray());
      Set<String> reasons = new LinkedHashSet<>();
      runs.forEach(r -> reasons.addAll(r.gaveUp.get(contestIndex)));
      gaveUp.put(contest, reasons);
    }
    double chance = runs.stream().mapToDouble(r -> r.chance).average().orElse(0);
    return new Results(s, adversary, List.copyOf(first.contests), List.copyOf(points),
        identifiedAt, gaveUp, runs.stream().mapToLong(r -> r.messages).sum(),
        runs.stream().mapToLong(r -> r.batches).sum(),
        runs.stream().mapToLong(r -> r.tampered).sum(), chance);
  }

  private static AnonymityMetrics mean(List<AnonymityMetrics> all) {
    return new AnonymityMetrics(
        all.stream().mapToDouble(AnonymityMetrics::contactsIdentified).average().orElse(0),
        all.stream().mapToDouble(AnonymityMetrics::entropyBits).average().orElse(Double.NaN),
        all.stream().mapToDouble(AnonymityMetrics::degreeOfAnonymity).average()
            .orElse(Double.NaN));
  }

  /** The i-th of the scenario's evenly spaced checkpoints (1-based), the last at the last round. */
  static long checkpoint(int i, Scenario s) {
    return Math.round((double) i * s.rounds() / s.attack().checkpoints());
  }

  /** One seed's run: its own users, targets, attacks and measurements. */
  private static final class SeedRun {
    final Scenario s;
    final AdversaryModel adversary;
    final SplittableRandom root;
    final Traffic traffic;
    final ContactGraph graph;
    final int[] targets;
    final double chance;
    final List<Contest> contests = new ArrayList<>();
    final List<Attack[]> attacks = new ArrayList<>();
    final List<Long> checkpoints = new ArrayList<>();
    /** [contest][checkpoint][target]. */
    final List<List<AnonymityMetrics[]>> metrics = new ArrayList<>();
    /** [contest][target]: the checkpoint round since which its top suspects are contacts. */
    final List<long[]> identifiedSince = new ArrayList<>();
    final List<Set<String>> gaveUp = new ArrayList<>();
    long messages;
    long batches;
    long tampered;

    SeedRun(Scenario s, AdversaryModel adversary) throws IOException {
      this.s = s;
      this.adversary = adversary;
      this.root = new SplittableRandom(s.seed());
      SplittableRandom graphRandom = root.split();
      SplittableRandom usersRandom = root.split();
      this.traffic = Traffic.of(s, graphRandom, usersRandom);
      this.graph = traffic.contacts();
      int users = graph.users();
      this.targets = pickTargets(s.attack().targets(), root.split());
      this.chance = Arrays.stream(targets)
          .mapToDouble(t -> AnonymityMetrics.chance(users, graph.contactsOf(t).length))
          .average().orElse(0);
      for (System system : systems()) {
        for (AttackKind kind : AttackKind.values()) {
          if (kind.runsAgainst(system, adversary)) {
            double mu = system == System.SOTTO ? s.sotto().noiseMu() : 0;
            double b = system == System.SOTTO ? s.sotto().noiseB() : 0;
            contests.add(new Contest(system, kind));
            attacks.add(IntStream.range(0, targets.length).mapToObj(i -> kind.create(
                new Knowledge(users, targets[i], graph.contactsOf(targets[i]).length, mu, b)))
                .toArray(Attack[]::new));
            metrics.add(new ArrayList<>());
            long[] never = new long[targets.length];
            Arrays.fill(never, -1);
            identifiedSince.add(never);
            gaveUp.add(new LinkedHashSet<>());
          }
        }
      }
    }

    private List<System> systems() {
      return s.sotto().compareWithoutNoise()
          ? List.of(System.BASELINE, System.SOTTO, System.SOTTO_WITHOUT_NOISE)
          : List.of(System.BASELINE, System.SOTTO);
    }

    /** Targets among the users who have contacts (in a trace, some may have none). */
    private int[] pickTargets(int count, SplittableRandom random) {
      int[] eligible = IntStream.range(0, graph.users())
          .filter(u -> graph.contactsOf(u).length > 0).toArray();
      if (eligible.length == 0) {
        throw new UncheckedIOException(new IOException("no user has a contact: the trace has "
            + "no talk events; add conversations to it"));
      }
      int n = Math.min(count, eligible.length);
      for (int i = 0; i < n; i++) {
        int j = i + random.nextInt(eligible.length - i);
        int t = eligible[i];
        eligible[i] = eligible[j];
        eligible[j] = t;
      }
      return Arrays.copyOf(eligible, n);
    }

    void play(LongConsumer roundDone) {
      BaselineMix mix = new BaselineMix(s.baseline().batchSize(), root.split());
      SplittableRandom coverRandom = root.split();
      SplittableRandom tamperRandom = root.split();
      Map<System, SottoObserver> observers = new LinkedHashMap<>();
      observers.put(System.SOTTO, new SottoObserver(adversary, s.sotto().noiseMu(),
          s.sotto().noiseB(), root.split()));
      if (s.sotto().compareWithoutNoise()) {
        observers.put(System.SOTTO_WITHOUT_NOISE, new SottoObserver(adversary, 0, 0,
            root.split()));
      }
      int nextCheckpoint = 1;
      for (long r = 1; r <= s.rounds(); r++) {
        RoundActivity activity = traffic.next();
        messages += activity.messages().size();
        List<Observation.Batch> flushed = mix.observe(activity);
        batches += flushed.size();
        DeadDropExchange.Stats real = SottoObserver.realCounts(activity, activity.online(),
            coverRandom);
        Map<System, List<? extends Observation>> seen = new LinkedHashMap<>();
        seen.put(System.BASELINE, flushed);
        observers.forEach((system, o) -> seen.put(system, o.observe(activity, real)));
        boolean tamper = adversary.active()
            && tamperRandom.nextDouble() < adversary.isolationShare();
        tampered += tamper ? 1 : 0;
        for (int c = 0; c < contests.size(); c++) {
          System system = contests.get(c).system();
          Attack[] perTarget = attacks.get(c);
          for (int t = 0; t < perTarget.length; t++) {
            Attack a = perTarget[t];
            seen.get(system).forEach(a::observe);
            if (tamper && a instanceof ActiveAttack active) {
              BitSet let = active.letThrough(activity.online());
              if (let != null) {
                a.observe(observers.get(system).probe(activity, targets[t], let));
              }
            }
          }
        }
        if (r == checkpoint(nextCheckpoint, s)) {
          measure(r);
          nextCheckpoint++;
        }
        roundDone.accept(r);
      }
    }

    private void measure(long round) {
      checkpoints.add(round);
      for (int c = 0; c < contests.size(); c++) {
        Attack[] perTarget = attacks.get(c);
        AnonymityMetrics[] now = new AnonymityMetrics[perTarget.length];
        for (int t = 0; t < perTarget.length; t++) {
          double[] scores = perTarget[t].scores();
          int[] contacts = graph.contactsOf(targets[t]);
          now[t] = AnonymityMetrics.of(scores, perTarget[t].posterior(), targets[t], contacts);
          long[] since = identifiedSince.get(c);
          boolean identified = AnonymityMetrics.topSuspectsAreContacts(scores, targets[t],
              contacts);
          since[t] = !identified ? -1 : since[t] >= 0 ? since[t] : round;
          perTarget[t].gaveUp().ifPresent(gaveUp.get(c)::add);
        }
        metrics.get(c).add(now);
      }
    }
  }
}
