package org.sotto.simulations.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.wire.WireSizes;

/**
 * What the noise costs the servers each round. Every mix adds its own noise, the last mix too
 * (docs/architecture.md, "Noise"), and the noise a mix adds travels the rest of the chain to the
 * dead drops and its replies come back to that mix, which drops them. So mix p (0-based, n mixes) carries the noise
 * of the p mixes before it in, and of p + 1 mixes out, with the onion and reply sizes of its place
 * in the chain ({@link WireSizes#onionSize}, {@link WireSizes#replySize}).
 *
 * <p>The mean number of requests one mix adds is measured by drawing {@link NoiseCounts} with the
 * servers' own sampler, not taken as 2·mu, so truncation and rounding are counted as they happen.
 *
 * @param requestsPerMix mean noise requests one mix adds per round (singles plus doubles)
 * @param servers bytes per round each server sends and receives, noise and real traffic
 */
public record NoiseCost(double requestsPerMix, int mixnodes, double roundsPerSecond,
    List<ServerLoad> servers) {

  private static final int DRAWS = 20_000;

  /** Bytes per round one server sends plus receives, both directions of the round. */
  public record ServerLoad(String server, double noiseBytes, double realBytes) {}

  public double extraRequestsPerRound() {
    return requestsPerMix * mixnodes;
  }

  public static NoiseCost estimate(double mu, double b, ClusterShape shape, long users,
      RandomGenerator random) {
    LaplaceNoise noise = new LaplaceNoise(mu, b);
    double sum = 0;
    for (int i = 0; i < DRAWS; i++) {
      sum += NoiseCounts.sample(noise, random).total();
    }
    double perMix = sum / DRAWS;
    int n = shape.mixnodes();
    List<ServerLoad> servers = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      double upstream = p * perMix;
      servers.add(new ServerLoad("mix-" + (p + 1), mixBytes(n, p, upstream, upstream + perMix),
          mixBytes(n, p, users, users)));
    }
    double perShard = 1.0 / shape.deadDrops();
    int exchanged = WireSizes.EXCHANGE_REQUEST + WireSizes.EXCHANGE_REPLY;
    servers.add(new ServerLoad("each dead-drop shard", n * perMix * exchanged * perShard,
        users * exchanged * perShard));
    return new NoiseCost(perMix, n, shape.roundsPerSecond(), List.copyOf(servers));
  }

  /** Onions in and out, replies in and out, for {@code in} items arriving and {@code out} leaving. */
  private static double mixBytes(int n, int p, double in, double out) {
    int layersIn = n - p;
    int layersOut = n - p - 1;
    return in * (WireSizes.onionSize(layersIn) + WireSizes.replySize(layersIn))
        + out * (WireSizes.onionSize(layersOut) + WireSizes.replySize(layersOut));
  }
}
