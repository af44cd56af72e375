package org.sotto.simulations.attack;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How much an attack has learnt about one target, from its scores:
 *
 * <ul>
 *   <li><b>contacts identified</b>: the share of the target's m contacts among the m users with
 *       the highest scores (ties broken by user number); guessing at random scores m/(N − 1);
 *   <li><b>anonymity-set entropy</b> H (bits): the scores, negatives as zero, normalised into the
 *       adversary's probability that each other user is the target's partner (uniform when
 *       nothing scores above zero); the effective size of the anonymity set is 2^H;
 *   <li><b>degree of anonymity</b> d = H / log2(N − 1) (Díaz, Seys, Claessens and Preneel,
 *       "Towards Measuring Anonymity", PET 2002): 1 when every other user is equally suspect, 0
 *       when one user is singled out.
 * </ul>
 */
public record AnonymityMetrics(double contactsIdentified, double entropyBits,
    double degreeOfAnonymity) {

  public static AnonymityMetrics of(double[] scores, int target, int[] contacts) {
    int others = scores.length - 1;
    Integer[] ranked = IntStream.range(0, scores.length).filter(u -> u != target).boxed()
        .sorted(Comparator.comparingDouble((Integer u) -> -scores[u])
            .thenComparingInt(u -> u))
        .toArray(Integer[]::new);
    int[] sortedContacts = contacts.clone();
    Arrays.sort(sortedContacts);
    long hits = Arrays.stream(ranked, 0, contacts.length)
        .filter(u -> Arrays.binarySearch(sortedContacts, u) >= 0).count();
    double entropy = entropy(scores, target);
    return new AnonymityMetrics(hits / (double) contacts.length, entropy,
        others > 1 ? entropy / (Math.log(others) / Math.log(2)) : 0);
  }

  static double entropy(double[] scores, int target) {
    double total = 0;
    int others = 0;
    for (int u = 0; u < scores.length; u++) {
      if (u != target) {
        total += Math.max(0, scores[u]);
        others++;
      }
    }
    if (total <= 0) {
      return Math.log(others) / Math.log(2);
    }
    double h = 0;
    for (int u = 0; u < scores.length; u++) {
      double p = u == target ? 0 : Math.max(0, scores[u]) / total;
      if (p > 0) {
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    return h;
  }

  /** What random guessing scores on "contacts identified". */
  public static double chance(int users, int contacts) {
    return contacts / (double) (users - 1);
  }
}
