package org.sotto.mixnode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a mix makes the noise of rounds that are still collecting (Vuvuzela's servers likewise
 * generate noise as soon as a round's settings are known): on one background thread, one round
 * at a time, and only while no batch of any kind is in hand here. With pipelined rounds the next
 * round opens as the previous one starts mixing, and its noise must not slow that one down (on a
 * machine shared by several servers, not even while the earlier round is still upstream). Every
 * {@link MixEngine} of the node shares one, so a dialing batch holds back conversation noise too.
 * A batch whose noise was never started makes it inline, on every core.
 */
final class NoiseAhead implements AutoCloseable {
  private final Executor executor;
  private final ExecutorService owned;
  /** Batches between arrival and their answers' departure here; noise is made when it is 0. */
  private final AtomicInteger mixing = new AtomicInteger();
  private final List<Runnable> engines = new CopyOnWriteArrayList<>();

  /** Makes noise on {@code executor}, which a test can run by hand. */
  NoiseAhead(Executor executor) {
    this.executor = executor;
    this.owned = null;
  }

  private NoiseAhead(ExecutorService owned) {
    this.executor = owned;
    this.owned = owned;
  }

  /** One thread, gone after 30 s idle, so a stopped mix leaves nothing behind. */
  static NoiseAhead oneThread(String name) {
    return new NoiseAhead(new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        }));
  }

  Executor executor() {
    return executor;
  }

  /** {@code startEarliest} starts the noise of its engine's earliest open round, if any. */
  void register(Runnable startEarliest) {
    engines.add(startEarliest);
  }

  void batchStarted() {
    mixing.incrementAndGet();
  }

  void batchFinished() {
    mixing.decrementAndGet();
    poke();
  }

  /** Something changed (a round opened or ended, a batch left): start noise if idle. */
  void poke() {
    if (mixing.get() == 0) {
      engines.forEach(Runnable::run);
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
