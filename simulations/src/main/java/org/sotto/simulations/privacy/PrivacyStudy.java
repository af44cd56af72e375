package org.sotto.simulations.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code sotto sim privacy} reports for one protocol and one noise setting: the
 * per-round loss, the loss after the asked number of rounds, the most rounds within the target,
 * and the curve of epsilon against rounds.
 */
public record PrivacyStudy(ProtocolPrivacy protocol, double mu, double b, PrivacyLoss perRound,
    Composition.Composed atRounds, long maxRounds, List<Composition.Composed> curve,
    Composition.Composed tightAtRounds, List<Composition.Composed> tightCurve,
    long tightMaxRounds) {

  private static final int CURVE_POINTS = 120;
  /** The PLD costs two FFTs a point: a coarser curve, on the same round counts. */
  private static final int TIGHT_EVERY = 8;

  public static PrivacyStudy of(ProtocolPrivacy protocol, double mu, double b, long rounds,
      double maxEpsilon, double totalDelta) {
    PrivacyLoss perRound = protocol.perRound(mu, b);
    long max = Composition.maxRounds(perRound, maxEpsilon, totalDelta);
    long last = Math.max(10, 2 * Math.max(rounds, max));
    List<Composition.Composed> curve = new ArrayList<>();
    for (long k : logSpaced(last)) {
      curve.add(Composition.over(perRound, k, totalDelta));
    }
    List<Composition.Composed> tight = new ArrayList<>();
    for (int i = 0; i < curve.size(); i += TIGHT_EVERY) {
      tight.add(PldAccountant.over(protocol, mu, b, curve.get(i).rounds(), totalDelta));
    }
    return new PrivacyStudy(protocol, mu, b, perRound,
        Composition.over(perRound, rounds, totalDelta), max, List.copyOf(curve),
        PldAccountant.over(protocol, mu, b, rounds, totalDelta), List.copyOf(tight),
        PldAccountant.maxUses(protocol, mu, b, maxEpsilon, totalDelta, max));
  }

  /** About {@link #CURVE_POINTS} distinct round counts from 1 to {@code last}, log-spaced. */
  static List<Long> logSpaced(long last) {
    List<Long> ks = new ArrayList<>();
    double step = Math.log(last) / (CURVE_POINTS - 1);
    long previous = 0;
    for (int i = 0; i < CURVE_POINTS; i++) {
      long k = Math.max(1, Math.round(Math.exp(i * step)));
      if (k > previous) {
        ks.add(k);
        previous = k;
      }
    }
    return ks;
  }
}
