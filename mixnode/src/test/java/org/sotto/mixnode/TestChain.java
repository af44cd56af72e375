package org.sotto.mixnode;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * A chain of mixes for tests, without sockets: a descriptor with real signing keys, one
 * {@link MixContext} per position, and time that moves only when the test says so. Noise is
 * Laplace(mu, 0), which always draws exactly {@code mu}, so counts can be asserted.
 */
final class TestChain implements AutoCloseable {
  static final Duration LIFETIME = Duration.ofMinutes(2);

  final X25519 x25519 = X25519Engines.best();
  final ClusterDescriptor descriptor;
  final ForkJoinPool pool = new ForkJoinPool(2);
  final FakeTicker ticker = new FakeTicker();
  final ManualScheduler scheduler = new ManualScheduler();
  /** With noise ahead by hand, what the noise-ahead thread has to do: {@link #runNoiseAhead}. */
  final Queue<Runnable> noiseAheadTasks = new ArrayDeque<>();
  private final List<byte[]> signingKeys = new ArrayList<>();
  private final NoiseAhead noiseAhead;

  /** A chain whose noise ahead is made at once, on the thread that starts it. */
  TestChain(int mixes, int noise) {
    this(mixes, noise, false);
  }

  /**
   * @param mixes chain length
   * @param noise requests (conversation: singles, and doubles rounded up to even) or invitations
   *     per bucket (dialing) each mix adds per round
   * @param noiseAheadByHand whether noise ahead waits in {@link #noiseAheadTasks}
   */
  TestChain(int mixes, int noise, boolean noiseAheadByHand) {
    noiseAhead = new NoiseAhead(noiseAheadByHand ? noiseAheadTasks::add : Runnable::run);
    SecureRandom random = new SecureRandom();
    List<ClusterDescriptor.MixEntry> entries = new ArrayList<>();
    for (int i = 0; i < mixes; i++) {
      Ecdsa.KeyPair key = Ecdsa.generate(random);
      signingKeys.add(key.privateKey());
      entries.add(new ClusterDescriptor.MixEntry("mix-" + i, new HostPort("localhost", 1),
          HexFormat.of().formatHex(key.publicKey())));
    }
    ClusterDescriptor.NoiseSettings laplace = new ClusterDescriptor.NoiseSettings(noise, 0);
    descriptor = new ClusterDescriptor("test", new HostPort("localhost", 1), entries, List.of(),
        "ca.crt", 1000, 1, laplace,
        new ClusterDescriptor.DialingSettings(1000, 10, 16, laplace));
  }

  /** Mix {@code position}'s shared resources. */
  MixContext mix(int position) {
    return new MixContext(descriptor, position, signingKeys.get(position), x25519, pool,
        noiseAhead);
  }

  RoundTable.Timing timing() {
    return new RoundTable.Timing(LIFETIME, ticker, scheduler);
  }

  MixEngine<Void, byte[][], org.sotto.core.rpc.Batch> conversation(int position,
      NextHop<Void, byte[][]> next) {
    return new MixEngine<>(mix(position), new ConversationMixing(descriptor, position, next),
        new MixCounters(), timing());
  }

  MixEngine<Void, byte[][], org.sotto.core.rpc.Batch> conversation(int position,
      NextHop<Void, byte[][]> next, MixCounters counters) {
    return new MixEngine<>(mix(position), new ConversationMixing(descriptor, position, next),
        counters, timing());
  }

  MixEngine<DialingMixing.Settings, org.sotto.core.rpc.Buckets, org.sotto.core.rpc.Buckets>
      dialing(int position, NextHop<DialingMixing.Settings, org.sotto.core.rpc.Buckets> next,
      DialingCounters counters) {
    return new MixEngine<>(mix(position), new DialingMixing(descriptor, next), counters,
        timing());
  }

  /** Runs the noise made ahead so far, as the noise-ahead thread would. */
  void runNoiseAhead() {
    Runnable task;
    while ((task = noiseAheadTasks.poll()) != null) {
      task.run();
    }
  }

  /** The status an asynchronous call failed with; an AssertionError if it did not fail. */
  static io.grpc.Status.Code refusal(CompletableFuture<?> call) {
    try {
      call.join();
    } catch (java.util.concurrent.CompletionException e) {
      return io.grpc.Status.fromThrowable(e.getCause()).getCode();
    }
    throw new AssertionError("the call was not refused");
  }

  static MixRoundKey roundKey(RoundKeyAnnouncement announcement) {
    return MixRoundKey.newBuilder().setPosition(announcement.getPosition())
        .setRoundPublicKey(announcement.getRoundPublicKey())
        .setSignature(announcement.getSignature()).build();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A ticker that moves only when told, as Caffeine's own tests use. */
  static final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration by) {
      nanos.addAndGet(by.toNanos());
    }
  }

  /** A scheduler that remembers what the cache asked it to run later, for the test to run. */
  static final class ManualScheduler implements Scheduler {
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();

    @Override
    public synchronized Future<?> schedule(Executor executor, Runnable command, long delay,
        TimeUnit unit) {
      scheduled.add(() -> executor.execute(command));
      delays.add(unit.toNanos(delay));
      return new CompletableFuture<>();
    }

    synchronized List<Long> delaysNanos() {
      return List.copyOf(delays);
    }

    /** Runs everything scheduled so far, as if its time had come. */
    void runAll() {
      List<Runnable> due;
      synchronized (this) {
        due = List.copyOf(scheduled);
        scheduled.clear();
      }
      due.forEach(Runnable::run);
    }
  }
}
