package org.sotto.core.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The two shapes of histogram Sotto publishes, with bucket ranges sized for rounds: latencies from
 * 1 ms to 2 min (the longest a round may live at a mix) and counts from 1 to 10 million items.
 * Prometheus gets real buckets, so quantiles can be aggregated across nodes.
 */
public final class Histograms {
  private Histograms() {}

  public static Timer.Builder latency(String name, String description) {
    return Timer.builder(name).description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2));
  }

  public static DistributionSummary.Builder size(String name, String description,
      String baseUnit) {
    return DistributionSummary.builder(name).description(description).baseUnit(baseUnit)
        .publishPercentileHistogram()
        .minimumExpectedValue(1.0)
        .maximumExpectedValue(10_000_000.0);
  }
}
