package org.sotto.simulations.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The disclosure (hitting-set) attack of Kesdogan, Agrawal and Penz ("Limits of Anonymity in Open
 * Environments", IH 2002) with the exact hitting-set formulation of Kesdogan and Pimenidis ("The
 * Hitting Set Attack on Anonymity Protocols", IH 2004).
 *
 * <p>Every batch the target sent into has at least one of the target's m contacts among its
 * recipients, so the contact set "hits" every such recipient set. The attack keeps every
 * <em>minimal</em> hitting set of size at most m of the recipient sets seen so far; the true
 * contact set contains one of them, and as observations accumulate usually only it is left. The
 * hypotheses are updated one observation at a time with Berge's transversal algorithm (Berge,
 * "Hypergraphs", 1989, §2.1): a hypothesis that hits the new set stays; one that misses it is
 * extended by each element of the set (while it has fewer than m elements), unless the extension
 * contains a hypothesis that stays (then it is not minimal). A user's score is the share of
 * hypotheses containing it.
 *
 * <p>The number of hypotheses can grow as (batch size)^m before observations prune it; past
 * {@link #MAX_HYPOTHESES} the attack gives up: from then on every user scores the same (so the
 * metrics read it as exactly chance, not as the artifact of a tie order) and {@link #gaveUp()}
 * says so, for the report to print. Its posterior is uniform over the minimal hitting sets left:
 * the share of them that contain a user.
 */
public final class HittingSetAttack implements Attack {
  static final int MAX_HYPOTHESES = 200_000;

  private final int users;
  private final int target;
  private final int maxSize;
  private List<int[]> hypotheses;
  private boolean gaveUp;
  private long observed;

  public HittingSetAttack(int users, int target, int contacts) {
    this.users = users;
    this.target = target;
    this.maxSize = contacts;
  }

  @Override
  public Optional<String> gaveUp() {
    return gaveUp ? Optional.of("gave up after " + observed + " of the target's batches: more "
        + "than " + MAX_HYPOTHESES + " minimal hitting sets; its result is chance, not a finding")
        : Optional.empty();
  }

  @Override
  public void observe(Observation observation) {
    if (gaveUp || !(observation instanceof Observation.Batch batch)
        || Arrays.stream(batch.senders()).noneMatch(s -> s == target)) {
      return;
    }
    observed++;
    int[] recipients = Arrays.stream(batch.recipients()).filter(r -> r != target).distinct()
        .sorted().toArray();
    if (hypotheses == null) {
      hypotheses = new ArrayList<>();
      for (int r : recipients) {
        hypotheses.add(new int[] {r});
      }
      return;
    }
    refine(recipients);
  }

  private void refine(int[] recipients) {
    List<int[]> kept = new ArrayList<>();
    List<int[]> missing = new ArrayList<>();
    for (int[] h : hypotheses) {
      (hits(h, recipients) ? kept : missing).add(h);
    }
    // A kept hypothesis inside an extension h ∪ {r} must contain r (h misses the new set and the
    // kept one hits it), so index the kept ones by their elements in the new set.
    Map<Integer, List<int[]>> keptWith = new HashMap<>();
    for (int[] k : kept) {
      for (int u : k) {
        if (Arrays.binarySearch(recipients, u) >= 0) {
          keptWith.computeIfAbsent(u, x -> new ArrayList<>()).add(k);
        }
      }
    }
    Set<List<Integer>> added = new HashSet<>();
    List<int[]> next = new ArrayList<>(kept);
    for (int[] h : missing) {
      if (h.length >= maxSize) {
        continue;
      }
      for (int r : recipients) {
        int[] extended = with(h, r);
        if (!containsAny(extended, keptWith.getOrDefault(r, List.of()))
            && added.add(asList(extended))) {
          next.add(extended);
        }
      }
      if (next.size() > MAX_HYPOTHESES) {
        gaveUp = true;
        hypotheses = List.of();
        return;
      }
    }
    hypotheses = next;
  }

  @Override
  public Optional<double[]> posterior() {
    return hypotheses == null || hypotheses.isEmpty() ? Optional.empty() : Optional.of(scores());
  }

  @Override
  public double[] scores() {
    double[] s = new double[users];
    if (hypotheses == null || hypotheses.isEmpty()) {
      return s;
    }
    for (int[] h : hypotheses) {
      for (int u : h) {
        s[u] += 1.0 / hypotheses.size();
      }
    }
    return s;
  }

  /** How many hypotheses are left (1 means the attack has singled out a contact set). */
  public int hypotheses() {
    return hypotheses == null ? 0 : hypotheses.size();
  }

  private static boolean hits(int[] set, int[] sortedRecipients) {
    for (int u : set) {
      if (Arrays.binarySearch(sortedRecipients, u) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Does {@code candidate} contain one of {@code hypotheses} (all of which are sorted)? */
  private static boolean containsAny(int[] candidate, List<int[]> hypotheses) {
    for (int[] h : hypotheses) {
      if (h.length <= candidate.length && isSubset(h, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSubset(int[] small, int[] sortedBig) {
    for (int u : small) {
      if (Arrays.binarySearch(sortedBig, u) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int[] with(int[] sorted, int u) {
    int[] out = Arrays.copyOf(sorted, sorted.length + 1);
    out[sorted.length] = u;
    Arrays.sort(out);
    return out;
  }

  private static List<Integer> asList(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }

}
