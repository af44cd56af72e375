package org.sotto.mixnode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.sotto.core.metrics.Histograms;
import org.sotto.core.wire.RejectedInputException;

/**
 * A mix node's meters: totals read from {@link MixCounters}, and how long each phase of a round
 * takes here. On purpose there is no per-round noise figure and no outgoing batch size: together
 * with the incoming size they would publish this mix's Laplace draw for each round, which the
 * privacy argument needs to stay secret. The noise total is exported because an operator must see
 * that noise is being added; over a scrape interval it sums many draws.
 */
final class MixMetrics {
  /** The phases of one round at this mix. */
  enum Phase {
    /** duplicate check, peel, noise and shuffle, before sending on */
    FORWARD,
    /** waiting for the next hop's replies */
    DOWNSTREAM,
    /** un-shuffle and seal the replies */
    REVERSE
  }

  private final Timer[] phases = new Timer[Phase.values().length];
  private final DistributionSummary batchIn;

  MixMetrics(MeterRegistry registry, MixCounters counters) {
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
    for (Phase phase : Phase.values()) {
      phases[phase.ordinal()] = Histograms.latency("sotto.mix.phase",
              "Time one round spends in each phase at this mix")
          .tag("phase", phase.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    batchIn = Histograms.size("sotto.mix.batch.in", "Onions in one round's incoming batch",
        "onions").register(registry);
  }

  void batchReceived(int onions) {
    batchIn.record(onions);
  }

  void record(Phase phase, long nanos) {
    phases[phase.ordinal()].record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
