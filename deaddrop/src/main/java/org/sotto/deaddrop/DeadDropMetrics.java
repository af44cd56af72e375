package org.sotto.deaddrop;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A shard's meters, read from {@link DeadDropCounters}. A shard sees these counts anyway (it is
 * where the adversary is assumed to sit), so exporting them costs no privacy.
 */
final class DeadDropMetrics {
  private DeadDropMetrics() {}

  static void bind(MeterRegistry registry, DeadDropCounters counters) {
    exchanges(registry, counters, "pair", DeadDropCounters::pairs);
    exchanges(registry, counters, "single", DeadDropCounters::singles);
    exchanges(registry, counters, "overflow", DeadDropCounters::overflows);
    FunctionCounter.builder("sotto.deaddrop.rounds", counters, DeadDropCounters::rounds)
        .description("Rounds this shard exchanged").register(registry);
  }

  private static void exchanges(MeterRegistry registry, DeadDropCounters counters,
      String outcome, java.util.function.ToDoubleFunction<DeadDropCounters> value) {
    FunctionCounter.builder("sotto.deaddrop.exchanges", counters, value)
        .description("Dead-drop accesses by outcome: pair (two requests swapped), single "
            + "(answered empty), overflow (third or later access, answered empty)")
        .tag("outcome", outcome).register(registry);
  }
}
