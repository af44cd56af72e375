package org.sotto.simulations.attack.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sotto.simulations.attack.Observation;
import org.sotto.simulations.scenario.RoundActivity;

/**
 * The baseline the issue compares against, the original student design: one server, real
 * messages only (no cover traffic, no noise), mixed as a threshold mix that collects messages and
 * flushes them in batches of {@code batchSize} (Chaum 1981; the model of Danezis 2003). The
 * adversary watches both sides of the server, so for every batch it learns the multiset of
 * senders and of recipients. Messages typed in one round arrive in random order; a partial batch
 * waits for the next round.
 */
public final class BaselineMix {
  private final int batchSize;
  private final RandomGenerator random;
  private final List<RoundActivity.Message> pool = new ArrayList<>();

  public BaselineMix(int batchSize, RandomGenerator random) {
    this.batchSize = batchSize;
    this.random = random;
  }

  /** The batches the mix flushed during this round. */
  public List<Observation.Batch> observe(RoundActivity activity) {
    List<RoundActivity.Message> arriving = new ArrayList<>(activity.messages());
    for (int i = arriving.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      arriving.set(i, arriving.set(j, arriving.get(i)));
    }
    pool.addAll(arriving);
    List<Observation.Batch> batches = new ArrayList<>();
    while (pool.size() >= batchSize) {
      List<RoundActivity.Message> batch = pool.subList(0, batchSize);
      batches.add(new Observation.Batch(
          batch.stream().mapToInt(RoundActivity.Message::sender).toArray(),
          batch.stream().mapToInt(RoundActivity.Message::recipient).toArray()));
      batch.clear();
    }
    return batches;
  }
}
