package org.sotto.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;

/** The audit's tests on data whose answer is known, from a seeded generator. */
class AuditStatisticsTest {

  @Test
  void theCountProbabilitiesAreADistribution() {
    double singles = 0;
    double doubles = 0;
    for (long k = 0; k < 1000; k++) {
      singles += AuditStatistics.laplaceCountP(100, 10, k);
      doubles += AuditStatistics.laplaceDoublesP(100, 10, k);
    }
    assertThat(singles).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(doubles).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(AuditStatistics.laplaceDoublesP(100, 10, 101)).isZero();
  }

  @Test
  void noiseAsTheMixesDrawItFitsAndOtherNoiseDoesNot() {
    SplittableRandom random = new SplittableRandom(7);
    LaplaceNoise configured = new LaplaceNoise(20, 4);
    LaplaceNoise other = new LaplaceNoise(24, 4);
    long[] singles = new long[200];
    long[] doubles = new long[200];
    long[] shifted = new long[200];
    for (int i = 0; i < singles.length; i++) {
      NoiseCounts drawn = NoiseCounts.sample(configured, random);
      singles[i] = drawn.singles();
      doubles[i] = drawn.doubles();
      shifted[i] = other.sampleCount(random);
    }
    assertThat(AuditStatistics.countsFitP(singles,
        k -> AuditStatistics.laplaceCountP(20, 4, k))).isGreaterThan(0.001);
    assertThat(AuditStatistics.countsFitP(doubles,
        k -> AuditStatistics.laplaceDoublesP(20, 4, k))).isGreaterThan(0.001);
    assertThat(AuditStatistics.countsFitP(shifted,
        k -> AuditStatistics.laplaceCountP(20, 4, k))).isLessThan(0.001);
    assertThat(AuditStatistics.countsFitP(new long[200],
        k -> AuditStatistics.laplaceCountP(20, 4, k))).as("no noise").isLessThan(0.001);
    assertThat(AuditStatistics.countsFitP(new long[] {3, 3, 3},
        k -> AuditStatistics.laplaceCountP(3.5, 0, k))).as("b = 0, as configured").isOne();
    assertThat(AuditStatistics.countsFitP(new long[] {3, 3, 4},
        k -> AuditStatistics.laplaceCountP(3.5, 0, k))).as("b = 0, not as configured").isZero();
  }

  @Test
  void aUniformShuffleFitsAndTheIdentityDoesNot() {
    SplittableRandom random = new SplittableRandom(11);
    int samples = 300;
    int[] uniform = new int[samples];
    int[] identity = new int[samples];
    int[] sizes = new int[samples];
    for (int i = 0; i < samples; i++) {
      sizes[i] = 50 + random.nextInt(200);
      uniform[i] = random.nextInt(sizes[i]);
      identity[i] = 0; // every input stays where it was
    }
    assertThat(AuditStatistics.uniformPositionsP(uniform, sizes, 10)).isGreaterThan(0.001);
    assertThat(AuditStatistics.uniformPositionsP(identity, sizes, 10)).isLessThan(0.001);
  }

  @Test
  void arrivalTimesShiftedBySomeMillisecondsAreTold() {
    SplittableRandom random = new SplittableRandom(3);
    double[] idle = new double[200];
    double[] same = new double[200];
    double[] late = new double[200];
    for (int i = 0; i < idle.length; i++) {
      idle[i] = 40 + 20 * random.nextDouble();
      same[i] = 40 + 20 * random.nextDouble();
      late[i] = 45 + 20 * random.nextDouble();
    }
    assertThat(AuditStatistics.ksP(idle, same)).isGreaterThan(0.01);
    assertThat(AuditStatistics.mannWhitneyP(idle, same)).isGreaterThan(0.01);
    assertThat(AuditStatistics.ksP(idle, late)).isLessThan(0.01);
    assertThat(AuditStatistics.mannWhitneyP(idle, late)).isLessThan(0.01);
  }
}
