package org.sotto.simulations.attack;

import java.util.BitSet;

/**
 * The n − 1 attack on Sotto (Serjantov, Dingledine and Syverson, "From a Trickle to a Flood",
 * IH 2002), the attack Vuvuzela's noise is designed to withstand (van den Hooff et al., SOSP 2015,
 * §2 and §6): in the rounds it tampers with, the adversary blocks every client but the target and
 * one candidate, taking the online candidates in turn. The real double-access count is then 1 if
 * the two are talking and 0 otherwise, so the noisy count is that bit plus the honest mixes' pair
 * noise, whose mean the adversary knows. A candidate's score is its mean pair count, less the
 * noise mean, over the rounds it was let through with the target. A candidate not yet tested gets
 * the average score of those that were: the adversary knows nothing about it, so it is as suspect
 * as a typical candidate. Without noise one round in which the two talk singles out a contact;
 * with the noise the gap is 1 against a spread of about b/√2 per round, so it takes of the order
 * of b² rounds per candidate — what the differential-privacy bound predicts.
 *
 * <p>Posterior. Under H1(c) the pair talks in a probe with probability ½ (the adversary does not
 * know how often; ½ is its prior guess), under H0(c) never, so a probe that shows y pairs has
 * likelihood ratio ½·f(y − 1)/f(y) + ½, with f the law of the honest mixes' noise pairs
 * ({@link PairNoise}); the ratios multiply over the probes and meet the prior m/(N − 1).
 */
public final class IsolationAttack implements ActiveAttack {
  private final int target;
  private final double noisePairs;
  private final double prior;
  private final double noiseMu;
  private final double noiseB;
  private final double[] pairSum;
  private final long[] probes;
  private final double[] logLikelihoodRatio;
  private PairNoise noise;
  private int nextCandidate;

  public IsolationAttack(Knowledge k) {
    this.target = k.target();
    this.noisePairs = k.meanNoisePairs();
    this.prior = k.prior();
    this.noiseMu = k.noiseMu();
    this.noiseB = k.noiseB();
    this.logLikelihoodRatio = new double[k.users()];
    this.pairSum = new double[k.users()];
    this.probes = new long[k.users()];
  }

  @Override
  public BitSet letThrough(BitSet online) {
    if (!online.get(target)) {
      return null;
    }
    int users = pairSum.length;
    for (int k = 0; k < users; k++) {
      int c = (nextCandidate + k) % users;
      if (c != target && online.get(c)) {
        nextCandidate = (c + 1) % users;
        BitSet pair = new BitSet();
        pair.set(target);
        pair.set(c);
        return pair;
      }
    }
    return null;
  }

  @Override
  public void observe(Observation observation) {
    if (observation instanceof Observation.Probe probe && probe.target() == target
        && probe.letThrough().cardinality() == 2 && probe.letThrough().get(target)) {
      int candidate = probe.letThrough().nextSetBit(0) == target
          ? probe.letThrough().nextSetBit(target + 1) : probe.letThrough().nextSetBit(0);
      pairSum[candidate] += probe.pairs() - probe.honestMixes() * noisePairs;
      probes[candidate]++;
      if (noise == null) {
        noise = new PairNoise(noiseMu, noiseB, probe.honestMixes());
      }
      logLikelihoodRatio[candidate] += logRatio(probe.pairs());
    }
  }

  @Override
  public double[] scores() {
    double[] s = new double[pairSum.length];
    double sum = 0;
    int tested = 0;
    for (int c = 0; c < s.length; c++) {
      if (probes[c] > 0 && c != target) {
        s[c] = pairSum[c] / probes[c];
        sum += s[c];
        tested++;
      }
    }
    for (int c = 0; c < s.length; c++) {
      if (probes[c] == 0 && c != target) {
        s[c] = tested > 0 ? sum / tested : 0;
      }
    }
    return s;
  }

  /** ln(½·f(y − 1)/f(y) + ½), with f the noise law; +∞ when only a real pair explains y. */
  private double logRatio(long pairs) {
    double talking = noise.logProbability(pairs - 1);
    double silent = noise.logProbability(pairs);
    if (silent == Double.NEGATIVE_INFINITY) {
      return talking == Double.NEGATIVE_INFINITY ? 0 : Double.POSITIVE_INFINITY;
    }
    double ratio = talking - silent;
    return ratio > 0 ? ratio + Math.log1p(Math.exp(-ratio)) - Math.log(2)
        : Math.log1p(Math.exp(ratio)) - Math.log(2);
  }

  @Override
  public java.util.Optional<double[]> posterior() {
    double[] p = new double[logLikelihoodRatio.length];
    double logPriorOdds = Math.log(prior / (1 - prior));
    for (int c = 0; c < p.length; c++) {
      if (c != target) {
        double logOdds = logPriorOdds + logLikelihoodRatio[c];
        p[c] = logOdds == Double.POSITIVE_INFINITY ? 1 : 1 / (1 + Math.exp(-logOdds));
      }
    }
    return java.util.Optional.of(p);
  }
}
