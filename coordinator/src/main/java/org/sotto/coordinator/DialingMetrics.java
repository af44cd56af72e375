package org.sotto.coordinator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sotto.core.metrics.Histograms;
import org.sotto.proto.AbortCause;

/**
 * The coordinator's dialing-round meters, from each {@link DialingOutcome}: rounds delivered and
 * aborted by cause (every cause at zero from the start, as for conversation rounds), the dialing
 * onions clients sent into the chain, the invitations that came back in buckets (noise included:
 * the buckets are public, every client may fetch them), and the time from window close to buckets
 * stored. See docs/operator-guide.md.
 */
final class DialingMetrics implements DialingRoundListener {
  private final Counter delivered;
  private final Map<AbortCause, Counter> aborted = new EnumMap<>(AbortCause.class);
  private final Counter onions;
  private final Counter invitations;
  private final Timer mixDelivered;
  private final Timer mixAborted;

  DialingMetrics(MeterRegistry registry) {
    delivered = Counter.builder("sotto.dialing.rounds.delivered")
        .description("Dialing rounds whose buckets were stored for clients").register(registry);
    for (AbortCause cause : AbortCause.values()) {
      if (cause != AbortCause.UNRECOGNIZED) {
        aborted.put(cause, Counter.builder("sotto.dialing.rounds.aborted")
            .description("Dialing rounds aborted for everyone, by cause")
            .tag("cause", CoordinatorMetrics.label(cause.name(), "ABORT_CAUSE_"))
            .register(registry));
      }
    }
    onions = Counter.builder("sotto.dialing.onions")
        .description("Dialing onions (invitations and cover) clients sent into the chain")
        .register(registry);
    invitations = Counter.builder("sotto.dialing.invitations")
        .description("Invitations in the buckets of delivered dialing rounds, noise included")
        .register(registry);
    Timer.Builder mix = Histograms.latency("sotto.dialing.round.mix",
        "Dialing window close to buckets stored (delivered) or to the abort (aborted)");
    mixDelivered = mix.tag("outcome", "delivered").register(registry);
    mixAborted = mix.tag("outcome", "aborted").register(registry);
  }

  @Override
  public void dialingRoundFinished(DialingOutcome outcome) {
    onions.increment(outcome.onions());
    if (outcome.delivered()) {
      delivered.increment();
      invitations.increment(outcome.bucketSizes().stream().mapToLong(Integer::longValue).sum());
      mixDelivered.record(outcome.mixMs(), TimeUnit.MILLISECONDS);
      return;
    }
    aborted.getOrDefault(outcome.cause(), aborted.get(AbortCause.ABORT_CAUSE_UNSPECIFIED))
        .increment();
    if (outcome.onions() > 0) {
      mixAborted.record(outcome.mixMs(), TimeUnit.MILLISECONDS);
    }
  }
}
