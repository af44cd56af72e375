package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketFetchLimitTest {

  @Test
  void anAddressGetsThreeFetchesPerSessionItMayHoldPerRound() {
    BucketFetchLimit limit = new BucketFetchLimit(2, 6);
    for (int i = 0; i < 6; i++) {
      assertThat(limit.tryFetch("198.51.100.7", 40)).as("fetch %d", i).isTrue();
    }
    assertThat(limit.tryFetch("198.51.100.7", 40)).as("the seventh of round 40").isFalse();
    assertThat(limit.tryFetch("198.51.100.8", 40)).as("another address").isTrue();
    assertThat(limit.tryFetch("198.51.100.7", 41)).as("the next round").isTrue();
  }
}
