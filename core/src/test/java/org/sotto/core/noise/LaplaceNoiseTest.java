package org.sotto.core.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Statistical checks with seeded generators: deterministic, with generous tolerances. */
class LaplaceNoiseTest {
  private static final int N = 100_000;

  @Test
  void realDrawsHaveTheRightLocationScaleAndShape() {
    double mu = 100;
    double b = 10;
    LaplaceNoise noise = new LaplaceNoise(mu, b);
    SplittableRandom random = new SplittableRandom(20240501L);
    double sum = 0;
    double sumAbs = 0;
    double sumSq = 0;
    int above = 0;
    int beyondB = 0;
    int beyond3B = 0;
    for (int i = 0; i < N; i++) {
      double x = noise.sampleReal(random);
      sum += x;
      sumAbs += Math.abs(x - mu);
      sumSq += (x - mu) * (x - mu);
      above += x > mu ? 1 : 0;
      beyondB += Math.abs(x - mu) > b ? 1 : 0;
      beyond3B += Math.abs(x - mu) > 3 * b ? 1 : 0;
    }
    // Standard errors: mean 0.045, mean |x - mu| 0.032, variance ~1.5, fractions ~0.0016.
    assertThat(sum / N).isCloseTo(mu, within(0.3));
    assertThat(sumAbs / N).as("E|X - mu| = b").isCloseTo(b, within(0.2));
    assertThat(sumSq / N).as("Var X = 2 b^2").isCloseTo(2 * b * b, within(10.0));
    assertThat(above / (double) N).isCloseTo(0.5, within(0.01));
    assertThat(beyondB / (double) N).as("P(|X - mu| > b)").isCloseTo(Math.exp(-1), within(0.01));
    assertThat(beyond3B / (double) N).as("P(|X - mu| > 3b)").isCloseTo(Math.exp(-3),
        within(0.005));
  }

  @Test
  void countsAreNeverNegativeEvenWhenMostDrawsAre() {
    LaplaceNoise noise = new LaplaceNoise(0, 20);
    SplittableRandom random = new SplittableRandom(7);
    long zeros = 0;
    double sum = 0;
    for (int i = 0; i < N; i++) {
      long c = noise.sampleCount(random);
      assertThat(c).isNotNegative();
      zeros += c == 0 ? 1 : 0;
      sum += c;
    }
    // Redrawn while negative, mu = 0 leaves an Exponential(b) draw: floor has mean ~ b - 0.5.
    assertThat(sum / N).isCloseTo(19.5, within(0.5));
    assertThat(zeros / (double) N).isCloseTo(1 - Math.exp(-1.0 / 20), within(0.01));
  }

  @Test
  void countsAreRoundedDown() {
    LaplaceNoise noise = new LaplaceNoise(100, 10);
    SplittableRandom random = new SplittableRandom(99);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += noise.sampleCount(random);
    }
    assertThat(sum / N).isCloseTo(99.5, within(0.3));
    assertThat(new LaplaceNoise(7.9, 0).sampleCount(random)).isEqualTo(7);
  }

  @Test
  void sameSeedSameDraws() {
    LaplaceNoise noise = new LaplaceNoise(50, 5);
    SplittableRandom a = new SplittableRandom(1);
    SplittableRandom b = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertThat(noise.sampleCount(a)).isEqualTo(noise.sampleCount(b));
    }
  }

  @Test
  void parametersAreValidated() {
    for (double[] bad : new double[][] {{-1, 1}, {1, -1}, {Double.NaN, 1}, {1, Double.NaN},
        {Double.POSITIVE_INFINITY, 1}, {1, Double.POSITIVE_INFINITY}}) {
      assertThatThrownBy(() -> new LaplaceNoise(bad[0], bad[1]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
