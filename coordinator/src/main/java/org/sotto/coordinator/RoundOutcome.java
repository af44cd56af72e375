package org.sotto.coordinator;

import org.sotto.proto.AbortCause;

/**
 * How one round went, for logs, the demo's per-round line, benchmarks and metrics.
 *
 * @param clients sessions that submitted onions
 * @param onions onions sent into the chain
 * @param openMs time to collect signed round keys from the chain
 * @param mixMs window close to replies handed to the client streams (or to the abort)
 * @param windowClosedAtMs wall-clock time the round stopped collecting (0 if it never opened)
 */
public record RoundOutcome(long round, int clients, int onions, boolean delivered,
    AbortCause cause, String reason, long openMs, long mixMs, long windowClosedAtMs) {}
