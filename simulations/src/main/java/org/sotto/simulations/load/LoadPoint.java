package org.sotto.simulations.load;

import java.util.Map;

/**
 * What one load level measured.
 *
 * @param warmupRounds rounds run before measuring, not counted in anything below
 * @param rounds measured rounds
 * @param clientLatencyMs a bot's view of a round: round settings received to replies received
 *     (collection window plus mixing), percentiles over all bots and rounds
 * @param mixLatencyMs the coordinator's view, window close to replies sent; empty for a remote
 *     cluster
 * @param cpuCores process CPU seconds per wall second (servers and bots, in-process only; NaN
 *     otherwise)
 */
public record LoadPoint(int users, int warmupRounds, int rounds, long roundsAborted,
    Map<String, Long> clientLatencyMs, Map<String, Long> mixLatencyMs, double messagesPerSecond,
    long sent, long delivered, long lost, long inFlight, double cpuCores) {}
