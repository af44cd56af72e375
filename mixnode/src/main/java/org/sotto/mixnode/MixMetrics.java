package org.sotto.mixnode;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sotto.core.wire.RejectedInputException;

/**
 * A mix node's meters, all read from {@link MixCounters} and {@link DialingCounters} (counted
 * once, there): onions in and dropped by reason, noise, rounds, and, for conversation rounds,
 * time per round phase (count and total, so dashboards show the mean per phase). Dialing rounds
 * get the same series under {@code sotto_mix_dialing_*}, plus what the last mix discards. On
 * purpose there is no per-round noise figure and no outgoing batch size: with the incoming size
 * they would publish this mix's Laplace draw for each round, which the privacy argument needs to
 * stay secret. The noise totals are exported because an operator must see that noise is being
 * added; over a scrape interval they sum many draws (dialing rounds are rarer: see
 * docs/operator-guide.md on scrape intervals).
 */
final class MixMetrics {
  private MixMetrics() {}

  static void bind(MeterRegistry registry, MixCounters counters) {
    bindBatch(registry, "sotto.mix.", counters, "requests");
    for (MixCounters.Phase phase : MixCounters.Phase.values()) {
      FunctionTimer.builder("sotto.mix.phase", counters, c -> c.phaseCount(phase),
              c -> c.phaseNanos(phase), TimeUnit.NANOSECONDS)
          .description("Time rounds spent in each phase at this mix")
          .tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }

  static void bindDialing(MeterRegistry registry, DialingCounters counters) {
    bindBatch(registry, "sotto.mix.dialing.", counters, "invitations");
    FunctionCounter.builder("sotto.mix.dialing.discarded", counters,
            DialingCounters::noOpDiscarded)
        .description("Dialing requests the last mix discarded, by reason")
        .tag("reason", "no_op").register(registry);
    FunctionCounter.builder("sotto.mix.dialing.discarded", counters,
            DialingCounters::outOfRangeDiscarded)
        .description("Dialing requests the last mix discarded, by reason")
        .tag("reason", "out_of_range").register(registry);
  }

  /** The series every kind of round has, named {@code prefix}onions.received and so on. */
  private static void bindBatch(MeterRegistry registry, String prefix, BatchCounters counters,
      String noiseUnit) {
    FunctionCounter.builder(prefix + "onions.received", counters, BatchCounters::onionsIn)
        .description("Onions received from the previous hop").register(registry);
    for (RejectedInputException.Reason reason : RejectedInputException.Reason.values()) {
      FunctionCounter.builder(prefix + "onions.dropped", counters, c -> c.drops(reason))
          .description("Onions dropped here, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    FunctionCounter.builder(prefix + "onions.dropped", counters, BatchCounters::duplicates)
        .description("Onions dropped here, by reason")
        .tag("reason", "duplicate").register(registry);
    FunctionCounter.builder(prefix + "noise.added", counters, BatchCounters::noiseAdded)
        .description("Noise this mix added (" + noiseUnit + ")")
        .baseUnit(noiseUnit).register(registry);
    FunctionCounter.builder(prefix + "rounds", counters, BatchCounters::roundsMixed)
        .description("Rounds that ended here, by outcome")
        .tag("outcome", "mixed").register(registry);
    FunctionCounter.builder(prefix + "rounds", counters, BatchCounters::roundsClosedUnmixed)
        .description("Rounds that ended here, by outcome")
        .tag("outcome", "closed_unmixed").register(registry);
  }
}
