package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubscribeRequest;

/**
 * Rounds on the real clock and schedule over a chain that takes more than two intervals to open
 * a round (a distant mix): rounds must still come once per interval, because several open at
 * once. When one round opened at a time, the next started opening only when one was announced,
 * so a round came every 1.2 s (2.4 intervals) here. About six seconds; the bound allows a loaded
 * host 1.7 s more, and one round at a time would need twelve.
 */
class RoundDriverSlowChainTest {
  private static final long INTERVAL = 500;
  private static final long OPEN_MS = 1_200; // under the 2 s floor: no opening times out
  private static final int ROUNDS = 10;

  @TempDir Path dataDir;

  @Test
  void aChainSlowerToOpenThanTheIntervalStillStartsARoundEveryInterval() throws Exception {
    ClusterDescriptor descriptor = OneMixChain.descriptor(INTERVAL);
    SessionRegistry sessions = new SessionRegistry(10, 10, 10);
    ExecutorService opener = Executors.newCachedThreadPool();
    List<RoundOutcome> outcomes = new CopyOnWriteArrayList<>();
    try (OneMixChain mix = new OneMixChain()) {
      mix.openDelayMs = OPEN_MS;
      Chain chain = mix.chain();
      RoundDriver<Void, byte[][]> driver = new RoundDriver<>(new ConversationRounds(descriptor,
          chain, sessions, outcomes::add, 5_000), sessions,
          RoundNumbers.open(dataDir.resolve("last-round")), Clock.systemUTC(), opener, 5_000,
          new CoordinatorCounters(), (kind, round, session, sizes) -> { });
      String name = InProcessServerBuilder.generateName();
      Server gateway = InProcessServerBuilder.forName(name).directExecutor()
          .addService(new ClientGatewayService(descriptor, sessions, driver, null)).build().start();
      ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
      try {
        BlockingQueue<RoundEvent> events = new LinkedBlockingQueue<>();
        ClientGatewayGrpc.newStub(channel).subscribe(SubscribeRequest.newBuilder()
            .setClientVersion("sotto-client/3").build(), new StreamObserver<>() {
              @Override
              public void onNext(RoundEvent value) {
                events.add(value);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
        assertThat(events.poll(5, TimeUnit.SECONDS).hasWelcome()).isTrue();
        long start = System.nanoTime();
        driver.start(Executors.newSingleThreadScheduledExecutor());
        int announced = 0;
        long last = -1;
        while (announced < ROUNDS) {
          RoundEvent e = events.poll(5, TimeUnit.SECONDS);
          assertThat(e).as("rounds keep coming").isNotNull();
          if (e.hasSettings()) {
            assertThat(e.getSettings().getRound()).isGreaterThan(last);
            last = e.getSettings().getRound();
            announced++;
          }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // One at a time: 10 rounds took 10 × 1.2 s = 12 s. Several at once: the first after
        // 1.2 s, the next four after 2.4 s, then one per interval: about 6 s.
        assertThat(elapsedMs).as("time for %d rounds", ROUNDS)
            .isLessThan(OPEN_MS + (ROUNDS + 3) * INTERVAL);
        assertThat(chain.openDepth(INTERVAL)).as("rounds opening at once").isGreaterThan(1);
        driver.close();
      } finally {
        channel.shutdownNow();
        gateway.shutdownNow();
      }
    } finally {
      opener.shutdownNow();
    }
    assertThat(outcomes).noneMatch(o -> !o.delivered() && o.cause()
        != org.sotto.proto.AbortCause.ABORT_CAUSE_SHUTDOWN);
  }
}
