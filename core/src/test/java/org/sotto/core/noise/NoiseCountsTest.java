package org.sotto.core.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseCountsTest {

  @Test
  void doublesAreAlwaysEvenAndNothingIsNegative() {
    LaplaceNoise noise = new LaplaceNoise(3, 4);
    SplittableRandom random = new SplittableRandom(3);
    boolean sawOddDraw = false;
    for (int i = 0; i < 100_000; i++) {
      NoiseCounts c = NoiseCounts.sample(noise, random);
      assertThat(c.doubles() % 2).isZero();
      assertThat(c.singles()).isNotNegative();
      assertThat(c.doubles()).isNotNegative();
      assertThat(c.total()).isEqualTo(c.singles() + c.doubles());
      sawOddDraw |= c.singles() % 2 == 1; // the same draw rule gives odd values for singles
    }
    assertThat(sawOddDraw).isTrue();
  }

  @Test
  void doublesRoundUpToEven() {
    SplittableRandom random = new SplittableRandom(0);
    NoiseCounts c = NoiseCounts.sample(new LaplaceNoise(5.5, 0), random);
    assertThat(c.singles()).isEqualTo(5);
    assertThat(c.doubles()).isEqualTo(6);
    assertThat(NoiseCounts.sample(new LaplaceNoise(4.2, 0), random).doubles()).isEqualTo(4);
  }

  @Test
  void invalidCountsAreRefused() {
    assertThatThrownBy(() -> new NoiseCounts(1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoiseCounts(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoiseCounts(1, -2)).isInstanceOf(IllegalArgumentException.class);
  }
}
