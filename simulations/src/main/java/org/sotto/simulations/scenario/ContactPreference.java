package org.sotto.simulations.scenario;

import java.util.random.RandomGenerator;

/**
 * Whom a user calls: contacts ranked in a random order per user, the i-th (from 1) chosen with
 * weight 1 / i^s (Zipf's law; s = 0 is uniform). People talk most to a few of their contacts,
 * which is what makes statistical disclosure converge unevenly.
 */
final class ContactPreference {
  private final int[][] ranked;
  private final double[] cumulative;

  ContactPreference(ContactGraph graph, double exponent, RandomGenerator random) {
    ranked = new int[graph.users()][];
    for (int u = 0; u < graph.users(); u++) {
      int[] c = graph.contactsOf(u);
      for (int i = c.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = c[i];
        c[i] = c[j];
        c[j] = t;
      }
      ranked[u] = c;
    }
    int degree = graph.users() == 0 ? 0 : ranked[0].length;
    cumulative = new double[degree];
    double sum = 0;
    for (int i = 0; i < degree; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cumulative[i] = sum;
    }
    for (int i = 0; i < degree; i++) {
      cumulative[i] /= sum;
    }
  }

  int choose(int user, RandomGenerator random) {
    double x = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (x < cumulative[i]) {
        return ranked[user][i];
      }
    }
    return ranked[user][cumulative.length - 1];
  }
}
