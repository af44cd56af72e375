package org.sotto.core.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The two shapes of histogram Sotto publishes, with bucket ranges sized for rounds: latencies from
 * 1 ms to 2 min (the longest a round may live at a mix) and counts from 1 to 10 million items.
 * Prometheus gets real buckets, so quantiles can be aggregated across nodes. Latencies get
 * Micrometer's fine percentile buckets (latency is what alerts and SLOs are written on); counts get
 * one bucket per decade: a count's order of magnitude is what a dashboard shows, and the fine
 * buckets would publish some hundred series per count for nothing.
 */
public final class Histograms {
  private Histograms() {}

  public static Timer.Builder latency(String name, String description) {
    return Timer.builder(name).description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(2));
  }

  /** Upper bounds of the count buckets: 1, 10, …, 10 million (and +Inf). */
  static final double[] DECADES = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

  public static DistributionSummary.Builder size(String name, String description,
      String baseUnit) {
    return DistributionSummary.builder(name).description(description).baseUnit(baseUnit)
        .serviceLevelObjectives(DECADES);
  }
}
