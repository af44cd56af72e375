package org.sotto.core.round;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A uniformly random permutation by the Fisher–Yates (Durstenfeld) shuffle (Knuth, TAOCP vol. 2,
 * §3.4.2, Algorithm P), driven by {@link SecureRandom} on mix nodes: a predictable permutation
 * would undo the mixing. Kept as an explicit permutation so the reverse path can un-shuffle.
 *
 * <p>{@code shuffled[i] = original[perm[i]]}; un-shuffling puts {@code shuffled[i]} back at
 * {@code perm[i]}.
 */
public final class Shuffle {
  private final int[] perm;

  private Shuffle(int[] perm) {
    this.perm = perm;
  }

  public static Shuffle random(int n, RandomGenerator random) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return new Shuffle(perm);
  }

  public int size() {
    return perm.length;
  }

  /** Index in the original order of the item at shuffled position {@code i}. */
  public int source(int i) {
    return perm[i];
  }

  public <T> void apply(T[] original, T[] shuffled) {
    for (int i = 0; i < perm.length; i++) {
      shuffled[i] = original[perm[i]];
    }
  }

  public <T> void invert(T[] shuffled, T[] original) {
    for (int i = 0; i < perm.length; i++) {
      original[perm[i]] = shuffled[i];
    }
  }
}
