package org.sotto.simulations.attack;

import java.util.Arrays;
import java.util.List;
import org.sotto.simulations.report.ConfidenceInterval;

/**
 * The final numbers of one contest: success with its 95 % confidence interval, chance, and the
 * time to first identification — the median over every target of every seed of the checkpoint
 * round since which the attack's top suspects are contacts (a target never identified counts as
 * never, so the median is "never" when half the targets or more were not identified).
 */
public record ContestSummary(AttackRun.Contest contest, List<AttackRun.Point> curve,
    ConfidenceInterval success, double chance, long medianRoundsToIdentify,
    double identifiedShare) {

  public static ContestSummary of(AttackRun.Results results, AttackRun.Contest contest) {
    List<AttackRun.Point> curve = results.of(contest);
    AttackRun.Point last = curve.get(curve.size() - 1);
    long[] since = results.identifiedAt().get(contest).clone();
    long never = Long.MAX_VALUE;
    long[] sorted = Arrays.stream(since).map(r -> r < 0 ? never : r).sorted().toArray();
    long median = sorted.length == 0 ? never : sorted[(sorted.length - 1) / 2];
    double share = Arrays.stream(since).filter(r -> r >= 0).count() / (double) since.length;
    return new ContestSummary(contest, curve, ConfidenceInterval.of95(last.successPerUnit()),
        results.chance(), median, share);
  }

  public double finalSuccess() {
    return curve.get(curve.size() - 1).metrics().contactsIdentified();
  }

  public boolean identifies() {
    return medianRoundsToIdentify != Long.MAX_VALUE;
  }
}
