package org.sotto.simulations.attack;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * An adaptive active attack: binary search for the target's current partner by group testing
 * (Dorfman, "The Detection of Defective Members of Large Populations", Ann. Math. Stat. 1943; the
 * adaptive halving search of Hwang, "A Method for Detecting All Defective Members in a Population
 * by Group Testing", JASA 1972). It is the n − 1 attack made adaptive.
 *
 * <p>A test of a group G takes two tampered rounds: in one the adversary lets through G and the
 * target, in the other G alone (blocking everyone else in both). The pair count of the first
 * exceeds that of the second exactly when the target's partner is in G and they are talking
 * (conversations among G show up in both and cancel, and so does the noise's mean). The search
 * keeps a set S of suspects (online users other than the target and the contacts found so far),
 * tests its first half, and keeps that half if the test is positive and the other half if not;
 * when one suspect is left, one more test confirms it before it counts as found, and the search
 * starts again over the rest. Without noise a partner is found in about 2·log2 N tampered rounds
 * while the conversation lasts; with noise each test's gap of 1 must be read against noise of
 * spread about b per honest mix, and a wrong turn sends the search astray.
 */
public final class GroupTestingAttack implements ActiveAttack {
  private final int target;
  private final int users;
  private final List<Integer> found = new ArrayList<>();
  private List<Integer> suspects = List.of();
  private List<Integer> testing;
  private boolean withTargetDone;
  private long pairsWithTarget;

  public GroupTestingAttack(Knowledge k) {
    this.target = k.target();
    this.users = k.users();
  }

  @Override
  public BitSet letThrough(BitSet online) {
    if (!online.get(target)) {
      return null;
    }
    if (testing == null) {
      if (suspects.isEmpty()) {
        suspects = new ArrayList<>();
        for (int u = online.nextSetBit(0); u >= 0; u = online.nextSetBit(u + 1)) {
          if (u != target && !found.contains(u)) {
            suspects.add(u);
          }
        }
        if (suspects.isEmpty()) {
          return null;
        }
      }
      testing = suspects.size() == 1 ? suspects : suspects.subList(0, suspects.size() / 2);
      withTargetDone = false;
    }
    BitSet let = new BitSet();
    testing.forEach(let::set);
    if (!withTargetDone) {
      let.set(target);
    }
    return let;
  }

  @Override
  public void observe(Observation observation) {
    if (!(observation instanceof Observation.Probe probe) || probe.target() != target
        || testing == null) {
      return;
    }
    if (!withTargetDone) {
      withTargetDone = true;
      pairsWithTarget = probe.pairs();
      return;
    }
    boolean positive = pairsWithTarget - probe.pairs() >= 1;
    if (suspects.size() == 1) {
      if (positive) {
        found.add(suspects.get(0));
      }
      suspects = List.of();
    } else {
      suspects = positive ? new ArrayList<>(testing)
          : new ArrayList<>(suspects.subList(testing.size(), suspects.size()));
    }
    testing = null;
  }

  /** Contacts found score by how early they were found; everyone else ties at 0. */
  @Override
  public double[] scores() {
    double[] s = new double[users];
    for (int i = 0; i < found.size(); i++) {
      s[found.get(i)] += found.size() - i;
    }
    return s;
  }
}
