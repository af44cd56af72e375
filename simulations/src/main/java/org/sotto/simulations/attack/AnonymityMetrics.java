package org.sotto.simulations.attack;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * How much an attack has learnt about one target:
 *
 * <ul>
 *   <li><b>contacts identified</b>: the expected share of the target's m contacts among the m
 *       users with the highest scores, ties broken uniformly at random. The expectation is
 *       computed exactly, not drawn: the tied group that straddles the m-th place contributes its
 *       contacts times the share of its members that fit. An attack that knows nothing (all
 *       scores equal) therefore scores exactly chance, m/(N − 1), never below it;
 *   <li><b>anonymity-set entropy</b> H (bits), only for attacks with a probability model: the
 *       posterior probabilities that each user is a contact, normalised over the other users
 *       (they sum to m, so dividing by m gives the adversary's distribution of "a contact");
 *       the effective size of the anonymity set is 2^H. NaN when the attack has no posterior;
 *   <li><b>degree of anonymity</b> d = H / log2(N − 1) (Díaz, Seys, Claessens and Preneel,
 *       "Towards Measuring Anonymity", PET 2002): 1 when every other user is equally suspect, 0
 *       when one user is singled out; NaN with H.
 * </ul>
 */
public record AnonymityMetrics(double contactsIdentified, double entropyBits,
    double degreeOfAnonymity) {

  public static AnonymityMetrics of(double[] scores, Optional<double[]> posterior, int target,
      int[] contacts) {
    int others = scores.length - 1;
    double entropy = posterior.map(p -> entropy(p, target)).orElse(Double.NaN);
    return new AnonymityMetrics(expectedHits(scores, target, contacts) / contacts.length,
        entropy, others > 1 ? entropy / log2(others) : 0);
  }

  /** Expected number of contacts among the top m, ties broken uniformly at random. */
  static double expectedHits(double[] scores, int target, int[] contacts) {
    int m = contacts.length;
    int[] sortedContacts = contacts.clone();
    Arrays.sort(sortedContacts);
    Integer[] ranked = IntStream.range(0, scores.length).filter(u -> u != target).boxed()
        .sorted(Comparator.comparingDouble((Integer u) -> -scores[u]))
        .toArray(Integer[]::new);
    double hits = 0;
    int place = 0;
    while (place < m && place < ranked.length) {
      int end = place;
      int contactsInGroup = 0;
      while (end < ranked.length && scores[ranked[end]] == scores[ranked[place]]) {
        contactsInGroup += Arrays.binarySearch(sortedContacts, ranked[end]) >= 0 ? 1 : 0;
        end++;
      }
      int groupSize = end - place;
      int seats = Math.min(groupSize, m - place);
      hits += contactsInGroup * (double) seats / groupSize;
      place = end;
    }
    return hits;
  }

  /**
   * Whether the attack has singled out a contact: its highest score is held by contacts only
   * (a tie with a non-contact is not an identification).
   */
  public static boolean topSuspectsAreContacts(double[] scores, int target, int[] contacts) {
    double top = Double.NEGATIVE_INFINITY;
    for (int u = 0; u < scores.length; u++) {
      top = u == target ? top : Math.max(top, scores[u]);
    }
    int[] sorted = contacts.clone();
    Arrays.sort(sorted);
    for (int u = 0; u < scores.length; u++) {
      if (u != target && scores[u] == top && Arrays.binarySearch(sorted, u) < 0) {
        return false;
      }
    }
    return true;
  }

  static double entropy(double[] posterior, int target) {
    double total = 0;
    for (int u = 0; u < posterior.length; u++) {
      total += u == target ? 0 : posterior[u];
    }
    if (!(total > 0)) {
      return log2(posterior.length - 1);
    }
    double h = 0;
    for (int u = 0; u < posterior.length; u++) {
      double p = u == target ? 0 : posterior[u] / total;
      if (p > 0) {
        h -= p * log2(p);
      }
    }
    return h;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** What random guessing scores on "contacts identified". */
  public static double chance(int users, int contacts) {
    return contacts / (double) (users - 1);
  }
}
