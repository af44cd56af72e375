package org.sotto.mixnode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.core.round.RoundKind;
import org.sotto.core.round.Shuffle;

/** The {@link MixObserver}s of one mix node, shared by its engines; usually none. */
final class MixObservers implements MixObserver {
  private final List<MixObserver> observers = new CopyOnWriteArrayList<>();

  void add(MixObserver observer) {
    observers.add(observer);
  }

  boolean isEmpty() {
    return observers.isEmpty();
  }

  @Override
  public void mixed(RoundKind kind, long round, long[] noiseDraws, int real, Shuffle shuffle) {
    observers.forEach(o -> o.mixed(kind, round, noiseDraws.clone(), real, shuffle));
  }
}
