package org.sotto.simulations.privacy;

import java.util.Locale;

/**
 * How long one noise setting keeps a user within a target (e^epsilon, delta), in rounds and in
 * days of continuous use on a schedule; or, the other way, the least noise that lasts a given
 * number of days ({@link #solve}). What {@code sotto cluster init} prints and what it uses to pick
 * its default noise.
 */
public record Protection(ProtocolPrivacy protocol, double mu, double b, RoundCadence schedule,
    double targetExpEpsilon, double delta, long rounds) {

  /** How long Laplace(mu, b) at one honest server protects a user of {@code protocol}. */
  public static Protection of(ProtocolPrivacy protocol, double mu, double b,
      RoundCadence schedule, double targetExpEpsilon, double delta) {
    long uses = b > 0
        ? Composition.maxRounds(protocol.perRound(mu, b), Math.log(targetExpEpsilon), delta)
        : 0;
    return new Protection(protocol, mu, b, schedule, targetExpEpsilon, delta,
        schedule.roundsFor(uses));
  }

  /**
   * The least noise (mu rounded up to a whole request, b to a whole number) whose protection, as
   * {@link #of} computes it from those rounded values, lasts at least {@code days}.
   */
  public static Protection solve(ProtocolPrivacy protocol, RoundCadence schedule, double days,
      double targetExpEpsilon, double delta) {
    long uses = schedule.usesIn(days);
    NoiseSolver.Solution exact =
        new NoiseSolver(protocol, uses, Math.log(targetExpEpsilon), delta).solve();
    double b = Math.max(1, Math.round(exact.b()));
    double mu = Math.ceil(exact.mu());
    Protection p = of(protocol, mu, b, schedule, targetExpEpsilon, delta);
    // Rounding b may cost a little; more mu only shrinks delta, so grow it until the target holds.
    while (p.rounds() < schedule.roundsIn(days)) {
      mu = Math.ceil(mu * 1.01);
      p = of(protocol, mu, b, schedule, targetExpEpsilon, delta);
    }
    return p;
  }

  public double days() {
    return schedule.days(rounds);
  }

  /** One sentence: the guarantee, in days when it lasts a day or more, else in rounds. */
  public String sentence(String who) {
    String target = String.format(Locale.ROOT, "e^epsilon <= %s, delta <= %s",
        plain(targetExpEpsilon), plain(delta));
    String span = days() >= 1
        ? String.format(Locale.ROOT, "%.1f days (%,d rounds of %s s)", days(), rounds,
            plain(schedule.intervalMs() / 1000.0))
        : String.format(Locale.ROOT, "only %,d round%s (%s)", rounds, rounds == 1 ? "" : "s",
            duration());
    return String.format(Locale.ROOT, "with mu = %s, b = %s %s stays within %s for %s",
        plain(mu), plain(b), who, target, span);
  }

  private String duration() {
    double seconds = rounds * schedule.intervalMs() / 1000.0;
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f second%s", seconds, seconds == 1 ? "" : "s");
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f minutes", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
  }

  /** 2 as "2", 0.5 as "0.5", 1e-4 as "1e-4": how people write these numbers. */
  static String plain(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return String.valueOf((long) x);
    }
    return String.valueOf(x).replace(".0E", "E").replace("E", "e");
  }
}
