package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundSettings;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubscribeRequest;

/**
 * Rounds on the real clock and the real schedule while every core is busy with other work and
 * the chain takes a third of the interval to open a round: a client that submits before the
 * advertised deadline is accepted, one that submits after it is refused. Before the round engine
 * opened rounds a window ahead and judged submissions by the deadline, a loaded coordinator closed
 * windows up to seconds early. The client aims half a window before the deadline or just after
 * it; on a loaded host it may leave later than it aimed, so each submission is judged by when it
 * actually left. About four seconds.
 */
class RoundDriverUnderLoadTest {
  private static final long INTERVAL = 400;
  private static final int ROUNDS = 8;
  /** Where a client aims inside the window: this long before the deadline. */
  private static final long AIM = INTERVAL / 2;
  /**
   * A submission that leaves this long before the deadline must get in: the time a loaded host
   * may take between the client's send and the coordinator's check (in-process, same thread).
   */
  private static final long MARGIN = 50;

  @TempDir Path dataDir;

  /** When a submission left, the deadline it aimed at, and whether it was accepted. */
  private record Attempt(long sentAt, long deadline, boolean accepted, String refusal) {}

  @Test
  void submissionsBeforeTheDeadlineAreAcceptedAndAfterItRefusedWhileTheHostIsBusy()
      throws Exception {
    ClusterDescriptor descriptor = OneMixChain.descriptor(INTERVAL);
    AtomicBoolean burning = new AtomicBoolean(true);
    List<Thread> burners = new ArrayList<>();
    for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (burning.get()) {
          x += System.nanoTime() % 7; // busy, with nothing to optimise away
        }
        if (x == 42) {
          System.out.print("");
        }
      });
      t.setDaemon(true);
      t.start();
      burners.add(t);
    }
    SessionRegistry sessions = new SessionRegistry(10, 10, 10);
    ExecutorService opener = Executors.newCachedThreadPool();
    ScheduledExecutorService client = Executors.newScheduledThreadPool(2);
    List<Attempt> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    try (OneMixChain mix = new OneMixChain()) {
      mix.openDelayMs = INTERVAL / 3;
      RoundDriver<Void, byte[][]> driver = new RoundDriver<>(new ConversationRounds(descriptor,
          mix.chain(), sessions, outcome -> { }, 5_000), sessions,
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
        ByteString session = events.poll(5, TimeUnit.SECONDS).getWelcome().getSessionId();
        driver.start(Executors.newSingleThreadScheduledExecutor());
        int seen = 0;
        while (seen < ROUNDS) {
          RoundEvent e = events.poll(5, TimeUnit.SECONDS);
          assertThat(e).as("rounds keep coming under load").isNotNull();
          if (!e.hasSettings()) {
            continue;
          }
          seen++;
          RoundSettings s = e.getSettings();
          long deadline = s.getSubmitDeadlineUnixMs();
          // alternate: aim just inside the window, or just after it
          long aim = seen % 2 == 0 ? deadline - AIM : deadline + 20;
          client.schedule(() -> attempts.add(submit(channel, session, s.getRound(), deadline)),
              Math.max(0, aim - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
        Thread.sleep(INTERVAL);
        driver.close();
      } finally {
        channel.shutdownNow();
        gateway.shutdownNow();
      }
    } finally {
      burning.set(false);
      client.shutdownNow();
      opener.shutdownNow();
    }
    List<Attempt> early = attempts.stream().filter(a -> a.sentAt() <= a.deadline() - MARGIN)
        .toList();
    List<Attempt> late = attempts.stream().filter(a -> a.sentAt() > a.deadline()).toList();
    assertThat(early).allSatisfy(a -> assertThat(a.accepted()).as(a.toString()).isTrue());
    assertThat(attempts).as("some got in").anySatisfy(a -> assertThat(a.accepted()).isTrue());
    assertThat(late).as("submissions that left after the deadline (of %s)", attempts)
        .isNotEmpty();
    assertThat(late).allSatisfy(a -> assertThat(a.accepted()).as(a.toString()).isFalse());
  }

  private static Attempt submit(ManagedChannel channel, ByteString session, long round,
      long deadline) {
    long sentAt = System.currentTimeMillis();
    try {
      ClientGatewayGrpc.newBlockingStub(channel).submitOnions(SubmitOnionsRequest.newBuilder()
          .setSessionId(session).setRound(round)
          .addOnions(ByteString.copyFrom(new byte[WireSizes.onionSize(1)])).build());
      return new Attempt(sentAt, deadline, true, "");
    } catch (StatusRuntimeException e) {
      return new Attempt(sentAt, deadline, false, e.getStatus().toString());
    }
  }
}
