package org.sotto.mixnode;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sotto.core.wire.RejectedInputException;

/**
 * A mix node's meters, all read from {@link MixCounters} (counted once, there): onions in and
 * dropped by reason, noise, rounds, and time per round phase (count and total, so dashboards show
 * the mean per phase). On purpose there is no per-round noise figure and no outgoing batch size:
 * with the incoming size they would publish this mix's Laplace draw for each round, which the
 * privacy argument needs to stay secret. The noise total is exported because an operator must see
 * that noise is being added; over a scrape interval it sums many draws.
 */
final class MixMetrics {
  private MixMetrics() {}

  static void bind(MeterRegistry registry, MixCounters counters) {
    FunctionCounter.builder("sotto.mix.onions.received", counters, MixCounters::onionsIn)
        .description("Onions received from the previous hop").register(registry);
    for (RejectedInputException.Reason reason : RejectedInputException.Reason.values()) {
      FunctionCounter.builder("sotto.mix.onions.dropped", counters, c -> c.drops(reason))
          .description("Onions dropped here, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    FunctionCounter.builder("sotto.mix.onions.dropped", counters, MixCounters::duplicates)
        .description("Onions dropped here, by reason")
        .tag("reason", "duplicate").register(registry);
    FunctionCounter.builder("sotto.mix.noise.added", counters, MixCounters::noiseAdded)
        .description("Noise requests this mix added (singles and pairs together)")
        .baseUnit("requests").register(registry);
    FunctionCounter.builder("sotto.mix.rounds", counters, MixCounters::roundsMixed)
        .description("Rounds that ended here, by outcome")
        .tag("outcome", "mixed").register(registry);
    FunctionCounter.builder("sotto.mix.rounds", counters, MixCounters::roundsClosedUnmixed)
        .description("Rounds that ended here, by outcome")
        .tag("outcome", "closed_unmixed").register(registry);
    for (MixCounters.Phase phase : MixCounters.Phase.values()) {
      FunctionTimer.builder("sotto.mix.phase", counters, c -> c.phaseCount(phase),
              c -> c.phaseNanos(phase), TimeUnit.NANOSECONDS)
          .description("Time rounds spent in each phase at this mix")
          .tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }
}
