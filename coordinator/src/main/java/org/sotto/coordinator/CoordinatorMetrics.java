package org.sotto.coordinator;

import io.grpc.Status;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sotto.core.metrics.Histograms;
import org.sotto.proto.AbortCause;

/**
 * The coordinator's meters. Totals are read from {@link CoordinatorCounters} (counted once, there);
 * per-round latencies and sizes come from each {@link RoundOutcome}. Every abort cause and every
 * refusal code is registered up front at zero, so alerts on {@code increase()} work from the first
 * scrape. See docs/operator-guide.md for what each one means.
 */
final class CoordinatorMetrics implements RoundListener {
  private final Timer open;
  private final Timer mixDelivered;
  private final Timer mixAborted;
  private final DistributionSummary clients;
  private final DistributionSummary onions;

  CoordinatorMetrics(MeterRegistry registry, CoordinatorCounters counters,
      SessionRegistry sessions) {
    FunctionCounter.builder("sotto.rounds.delivered", counters,
            CoordinatorCounters::roundsDelivered)
        .description("Rounds whose replies reached the clients").register(registry);
    for (AbortCause cause : AbortCause.values()) {
      if (cause == AbortCause.UNRECOGNIZED) {
        continue;
      }
      FunctionCounter.builder("sotto.rounds.aborted", counters, c -> c.roundsAborted(cause))
          .description("Rounds aborted for everyone, by cause")
          .tag("cause", label(cause.name(), "ABORT_CAUSE_")).register(registry);
    }
    for (Status.Code code : Status.Code.values()) {
      if (code == Status.Code.OK) {
        continue;
      }
      FunctionCounter.builder("sotto.submissions.rejected", counters, c -> c.rejected(code))
          .description("Client submissions refused, by gRPC status code")
          .tag("code", code.name()).register(registry);
    }
    Gauge.builder("sotto.clients.connected", sessions, SessionRegistry::size)
        .description("Client sessions open now").register(registry);
    Gauge.builder("sotto.clients.ticketed", sessions, SessionRegistry::ticketed)
        .description("Client sessions open now that showed a session ticket").register(registry);
    for (SessionRegistry.Refusal reason : SessionRegistry.Refusal.values()) {
      FunctionCounter.builder("sotto.sessions.refused", sessions, s -> s.refused(reason))
          .description("Client sessions refused: coordinator full, anonymous sessions full, "
              + "the address has its maximum of anonymous sessions, or a bad ticket")
          .tag("reason", reason.metricLabel).register(registry);
    }
    open = Histograms.latency("sotto.round.open",
        "Time to collect every mix's signed round key").register(registry);
    Timer.Builder mix = Histograms.latency("sotto.round.mix",
        "Window close to replies handed to clients (delivered) or to the abort (aborted)");
    mixDelivered = mix.tag("outcome", "delivered").register(registry);
    mixAborted = mix.tag("outcome", "aborted").register(registry);
    clients = Histograms.size("sotto.round.clients", "Clients that submitted in a round",
        "clients").register(registry);
    onions = Histograms.size("sotto.round.onions",
        "Onions the coordinator sent into the chain in a round (batch size)", "onions")
        .register(registry);
  }

  /**
   * Each mix's smoothed OpenRound round-trip time as the coordinator measures it
   * ({@link HopLatency}), in seconds; NaN until it first answers. The mix whose value stands out
   * is behind a slow link or on a busy host.
   */
  static void openLatency(MeterRegistry registry, List<String> mixes, HopLatency latency) {
    for (int hop = 0; hop < mixes.size(); hop++) {
      int h = hop;
      Gauge.builder("sotto.chain.open.rtt", latency, l -> l.smoothedMs(h) < 0 ? Double.NaN
              : l.smoothedMs(h) / 1000)
          .description("Smoothed time a mix takes to answer OpenRound (RFC 6298 SRTT), as "
              + "measured by the coordinator")
          .baseUnit("seconds").tag("mix", mixes.get(hop)).register(registry);
    }
  }

  @Override
  public void roundFinished(RoundOutcome outcome) {
    if (outcome.cause() == AbortCause.ABORT_CAUSE_SHUTDOWN) {
      return; // cut short by the operator: its timings say nothing about the chain
    }
    open.record(outcome.openMs(), TimeUnit.MILLISECONDS);
    boolean reachedChain = outcome.delivered() || outcome.onions() > 0;
    if (reachedChain) {
      (outcome.delivered() ? mixDelivered : mixAborted).record(outcome.mixMs(),
          TimeUnit.MILLISECONDS);
      clients.record(outcome.clients());
      onions.record(outcome.onions());
    }
  }

  /** ABORT_CAUSE_MIX_TIMEOUT becomes mix_timeout: short, stable label values. */
  static String label(String enumName, String prefix) {
    return enumName.substring(prefix.length()).toLowerCase(Locale.ROOT);
  }
}
