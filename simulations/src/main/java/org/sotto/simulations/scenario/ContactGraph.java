package org.sotto.simulations.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Who knows whom: a uniformly random simple graph in which every user has exactly {@code degree}
 * contacts, so "a target has m contacts" means the same for every target.
 *
 * <p>Built with the pairing algorithm of Steger and Wormald ("Generating random regular graphs
 * quickly", Combinatorics, Probability and Computing 8, 1999): keep every user's free "stubs" in
 * a pool; repeatedly join two random stubs whose users differ and are not yet contacts; if no such
 * pair is left, start over. For small degrees this finishes after few restarts and gives nearly
 * uniform regular graphs.
 */
public final class ContactGraph {
  private static final int MAX_RESTARTS = 1000;
  private static final int TRIES_BEFORE_SCAN = 64;

  private final int[][] contacts;

  private ContactGraph(int[][] contacts) {
    this.contacts = contacts;
  }

  public static ContactGraph randomRegular(int users, int degree, RandomGenerator random) {
    if ((long) users * degree % 2 != 0 || degree >= users) {
      throw new IllegalArgumentException("a " + degree + "-regular graph on " + users
          + " users needs users × degree even and degree < users");
    }
    for (int attempt = 0; attempt < MAX_RESTARTS; attempt++) {
      int[][] built = tryPairing(users, degree, random);
      if (built != null) {
        return new ContactGraph(built);
      }
    }
    throw new IllegalStateException("could not build a " + degree + "-regular contact graph on "
        + users + " users; use fewer contacts per user");
  }

  private static int[][] tryPairing(int users, int degree, RandomGenerator random) {
    List<Integer> stubs = new ArrayList<>(users * degree);
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < degree; i++) {
        stubs.add(u);
      }
    }
    List<Set<Integer>> adjacent = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      adjacent.add(new HashSet<>());
    }
    while (!stubs.isEmpty()) {
      int[] pair = suitablePair(stubs, adjacent, random);
      if (pair == null) {
        return null;
      }
      int u = stubs.get(pair[0]);
      int v = stubs.get(pair[1]);
      removeAt(stubs, Math.max(pair[0], pair[1]));
      removeAt(stubs, Math.min(pair[0], pair[1]));
      adjacent.get(u).add(v);
      adjacent.get(v).add(u);
    }
    int[][] out = new int[users][];
    for (int u = 0; u < users; u++) {
      out[u] = adjacent.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return out;
  }

  /** Two stub positions that may be joined: random tries first, then a full scan. */
  private static int[] suitablePair(List<Integer> stubs, List<Set<Integer>> adjacent,
      RandomGenerator random) {
    int n = stubs.size();
    for (int t = 0; t < TRIES_BEFORE_SCAN; t++) {
      int i = random.nextInt(n);
      int j = random.nextInt(n);
      if (joinable(stubs.get(i), stubs.get(j), adjacent)) {
        return new int[] {i, j};
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (joinable(stubs.get(i), stubs.get(j), adjacent)) {
          return new int[] {i, j};
        }
      }
    }
    return null;
  }

  private static boolean joinable(int u, int v, List<Set<Integer>> adjacent) {
    return u != v && !adjacent.get(u).contains(v);
  }

  /** O(1) removal that keeps the pool a multiset (order does not matter). */
  private static void removeAt(List<Integer> list, int i) {
    int last = list.size() - 1;
    list.set(i, list.get(last));
    list.remove(last);
  }

  /** The graph in which {@code contacts[u]} lists u's contacts (made symmetric here). */
  public static ContactGraph of(int[][] contacts) {
    List<Set<Integer>> adjacent = new ArrayList<>();
    for (int u = 0; u < contacts.length; u++) {
      adjacent.add(new HashSet<>());
    }
    for (int u = 0; u < contacts.length; u++) {
      for (int v : contacts[u]) {
        if (v != u) {
          adjacent.get(u).add(v);
          adjacent.get(v).add(u);
        }
      }
    }
    int[][] out = new int[contacts.length][];
    for (int u = 0; u < contacts.length; u++) {
      out[u] = adjacent.get(u).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return new ContactGraph(out);
  }

  public int users() {
    return contacts.length;
  }

  /** The contacts of {@code user}, ascending. */
  public int[] contactsOf(int user) {
    return contacts[user].clone();
  }

  public boolean areContacts(int u, int v) {
    return Arrays.binarySearch(contacts[u], v) >= 0;
  }
}
