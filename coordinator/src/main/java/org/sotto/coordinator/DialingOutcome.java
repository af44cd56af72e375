package org.sotto.coordinator;

import java.util.List;
import org.sotto.proto.AbortCause;

/**
 * How one dialing round went: what the coordinator received and what came out of the chain. For
 * logs, metrics and tests that check every client's dialing traffic looks the same.
 *
 * @param sessions client sessions that submitted a dialing onion (each at most one)
 * @param onions dialing onions sent into the chain
 * @param onionSizes the distinct sizes of those onions, in bytes (one size when all is well)
 * @param bucketSizes invitations per bucket, noise included (empty if aborted)
 * @param mixMs window close to buckets stored (or to the abort)
 */
public record DialingOutcome(long round, int bucketCount, int sessions, int onions,
    List<Integer> onionSizes, boolean delivered, AbortCause cause, String reason,
    List<Integer> bucketSizes, long mixMs) {}
