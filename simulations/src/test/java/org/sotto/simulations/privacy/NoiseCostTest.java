package org.sotto.simulations.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sotto.core.wire.WireSizes;

class NoiseCostTest {

  @Test
  void everyMixAddsAboutTwoMuRequestsAndCarriesTheNoiseOfTheMixesBeforeIt() {
    NoiseCost cost = NoiseCost.estimate(10_000, 100, new ClusterShape(3, 2, 2000), 0,
        new SplittableRandom(3));
    assertThat(cost.requestsPerMix()).isCloseTo(20_000, within(10.0));
    assertThat(cost.extraRequestsPerRound()).isCloseTo(60_000, within(30.0));
    double r = cost.requestsPerMix();
    // Mix 1 receives no noise and sends its own: 2-layer onions out, 2-layer replies back in.
    assertThat(cost.servers().get(0).noiseBytes()).isCloseTo(
        r * (WireSizes.onionSize(2) + WireSizes.replySize(2)), within(1e-6));
    // The last mix receives two mixes' noise as 1-layer onions and sends three mixes' requests.
    assertThat(cost.servers().get(2).noiseBytes()).isCloseTo(
        2 * r * (WireSizes.onionSize(1) + WireSizes.replySize(1))
            + 3 * r * (WireSizes.EXCHANGE_REQUEST + WireSizes.EXCHANGE_REPLY), within(1e-6));
    assertThat(cost.servers().get(3).noiseBytes()).isCloseTo(
        3 * r * (WireSizes.EXCHANGE_REQUEST + WireSizes.EXCHANGE_REPLY) / 2, within(1e-6));
    assertThat(cost.servers().get(0).realBytes()).isZero();
  }
}
