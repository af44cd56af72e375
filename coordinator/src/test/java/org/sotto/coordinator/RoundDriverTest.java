package org.sotto.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.AbortCause;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubmitOnionsRequest;
import org.sotto.proto.SubscribeRequest;

/**
 * The conversation round engine on an injected round clock, with the client gateway and a
 * one-mix chain in process: deadlines, late and early submissions, slow opening, duplicates,
 * stale rounds and round numbers across restarts. No test sleeps for a round: ticks are called
 * with the window start the schedule would pass, and the clock is set by hand.
 */
class RoundDriverTest {
  private static final long INTERVAL = OneMixChain.DESCRIPTOR.roundIntervalMs();
  private static final long T0 = 1_000_000 * INTERVAL; // a window start, as the schedule makes

  @TempDir Path dataDir;
  private OneMixChain mix;
  private FakeClock clock;
  private SessionRegistry sessions;
  private CoordinatorCounters counters;
  private ExecutorService opener;
  private RoundDriver<Void, byte[][]> driver;
  private final List<RoundOutcome> outcomes = new CopyOnWriteArrayList<>();
  private Server gateway;
  private ManagedChannel client;

  @BeforeEach
  void start() throws Exception {
    mix = new OneMixChain();
    clock = new FakeClock(T0);
    sessions = new SessionRegistry(100, 100, 100);
    counters = new CoordinatorCounters();
    opener = Executors.newCachedThreadPool();
    driver = driver(RoundNumbers.open(dataDir.resolve("last-round")));
    String name = InProcessServerBuilder.generateName();
    gateway = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new ClientGatewayService(OneMixChain.DESCRIPTOR, sessions, driver, null))
        .build()
        .start();
    client = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private RoundDriver<Void, byte[][]> driver(RoundNumbers numbers) {
    return new RoundDriver<>(new ConversationRounds(OneMixChain.DESCRIPTOR, mix.chain(), sessions,
        outcomes::add, 5_000), sessions, numbers, clock, opener, 5_000, counters,
        (kind, round, session, sizes) -> { });
  }

  @AfterEach
  void stop() {
    driver.close();
    client.shutdownNow();
    gateway.shutdownNow();
    opener.shutdownNow();
    mix.close();
  }

  /** A subscribed client: its session id and the events pushed to it. */
  private final class Client {
    final BlockingQueue<RoundEvent> events = new LinkedBlockingQueue<>();
    final ByteString session;

    Client() throws InterruptedException {
      ClientGatewayGrpc.newStub(client).subscribe(
          SubscribeRequest.newBuilder().setClientVersion("sotto-client/3").build(),
          new StreamObserver<>() {
            @Override
            public void onNext(RoundEvent value) {
              events.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
      session = next(RoundEvent.EventCase.WELCOME).getWelcome().getSessionId();
    }

    RoundEvent next(RoundEvent.EventCase kind) throws InterruptedException {
      while (true) {
        RoundEvent e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("a %s event", kind).isNotNull();
        if (e.getEventCase() == kind) {
          return e;
        }
      }
    }

    void submit(long round) {
      ClientGatewayGrpc.newBlockingStub(client).submitOnions(SubmitOnionsRequest.newBuilder()
          .setSessionId(session).setRound(round)
          .addOnions(ByteString.copyFrom(new byte[WireSizes.onionSize(1)])).build());
    }
  }

  private static Status.Code refusal(Runnable submission) {
    try {
      submission.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void theDeadlineIsTheEndOfTheScheduledWindowEvenWhenTheTickRunsLate() throws Exception {
    Client alice = new Client();
    clock.set(T0 + 700); // the ticker thread was starved for 700 ms
    driver.tick(T0);
    RoundEvent settings = alice.next(RoundEvent.EventCase.SETTINGS);
    assertThat(settings.getSettings().getSubmitDeadlineUnixMs()).isEqualTo(T0 + INTERVAL);
    assertThat(settings.getSettings().getServerTimeUnixMs()).isEqualTo(T0 + 700);
    assertThat(settings.getSettings().getRound()).isEqualTo(T0 / INTERVAL);
  }

  @Test
  void aSubmissionJustBeforeTheDeadlineIsAcceptedAndOneAfterItRefusedThoughOpeningWasSlow()
      throws Exception {
    Client alice = new Client();
    Client bob = new Client();
    long first = T0 / INTERVAL;
    driver.tick(T0); // opens the first round now and the next one ahead, for [T0+I, T0+2I)
    await().until(() -> mix.opened.contains(first + 1));
    // The round after that is slow to open: it is opened during the previous window, so
    // however slow, it does not eat into its own.
    CountDownLatch slow = mix.hold(first + 2);
    clock.set(T0 + INTERVAL);
    driver.tick(T0 + INTERVAL);
    long round = alice.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound();
    round = alice.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound();
    assertThat(round).isEqualTo(first + 1);
    clock.set(T0 + 2 * INTERVAL - 1); // 1 ms before the deadline; the chain is still opening
    long r = round;
    assertThat(refusal(() -> alice.submit(r))).isEqualTo(Status.Code.OK);
    clock.set(T0 + 2 * INTERVAL + 1); // 1 ms after it, before the ticker has closed the window
    assertThat(refusal(() -> bob.submit(r))).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(counters.rejected(Status.Code.FAILED_PRECONDITION)).isEqualTo(1);
    slow.countDown();
    await().until(() -> mix.opened.contains(first + 2));
    clock.set(T0 + 2 * INTERVAL + 5);
    driver.tick(T0 + 2 * INTERVAL);
    assertThat(alice.next(RoundEvent.EventCase.REPLIES).getReplies().getRound()).isEqualTo(r);
    await().until(() -> outcomes.stream().anyMatch(o -> o.round() == r));
    RoundOutcome outcome = outcomes.stream().filter(o -> o.round() == r).findFirst().get();
    assertThat(outcome.delivered()).isTrue();
    assertThat(outcome.clients()).isEqualTo(1);
    assertThat(bob.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound())
        .isEqualTo(first);
  }

  @Test
  void earlyDuplicateAndWrongSizeSubmissionsAreRefusedWithTheirOwnStatus() throws Exception {
    Client alice = new Client();
    driver.tick(T0);
    long round = alice.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound();
    assertThat(refusal(() -> alice.submit(round + 1)))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refusal(() -> alice.submit(round))).isEqualTo(Status.Code.OK);
    assertThat(refusal(() -> alice.submit(round))).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(refusal(() -> ClientGatewayGrpc.newBlockingStub(client).submitOnions(
        SubmitOnionsRequest.newBuilder().setSessionId(alice.session).setRound(round)
            .addOnions(ByteString.copyFrom(new byte[7])).build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refusal(() -> ClientGatewayGrpc.newBlockingStub(client).submitOnions(
        SubmitOnionsRequest.newBuilder().setSessionId(ByteString.copyFrom(new byte[32]))
            .setRound(round).addOnions(ByteString.copyFrom(new byte[WireSizes.onionSize(1)]))
            .build()))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void anOpeningThatFailsAtOnceIsAbortedAndTheNextWindowOpensAgain() throws Exception {
    // A direct opener: the opening fails before the driver has even stored it, as it does when
    // a restarted mix refuses the connection at once.
    ExecutorService direct =
        com.google.common.util.concurrent.MoreExecutors.newDirectExecutorService();
    RoundDriver<Void, byte[][]> d = new RoundDriver<>(new ConversationRounds(
        OneMixChain.DESCRIPTOR, mix.chain(), sessions, outcomes::add, 5_000), sessions,
        RoundNumbers.open(dataDir.resolve("last-round-direct")), clock, direct, 5_000, counters,
        (kind, round, session, sizes) -> { });
    mix.refuseOpens = true;
    d.tick(T0);
    assertThat(outcomes).as("the failed opening is aborted").hasSize(1);
    mix.refuseOpens = false;
    clock.set(T0 + INTERVAL);
    d.tick(T0 + INTERVAL);
    assertThat(mix.opened).as("the next window opened a round again").isNotEmpty();
  }

  @Test
  void aRoundSlowToOpenIsAnnouncedLateWithItsWindowsRealEndAsTheDeadline() throws Exception {
    Client alice = new Client();
    long first = T0 / INTERVAL;
    CountDownLatch slow = mix.hold(first);
    driver.tick(T0);
    clock.set(T0 + INTERVAL + 300); // a whole window passed while the chain was opening
    driver.tick(T0 + INTERVAL);
    slow.countDown();
    RoundEvent settings = alice.next(RoundEvent.EventCase.SETTINGS);
    assertThat(settings.getSettings().getRound()).isEqualTo(first);
    assertThat(settings.getSettings().getSubmitDeadlineUnixMs())
        .as("the end of the window it was announced in").isEqualTo(T0 + 2 * INTERVAL);
    assertThat(settings.getSettings().getServerTimeUnixMs()).isEqualTo(T0 + INTERVAL + 300);
    assertThat(refusal(() -> alice.submit(first))).isEqualTo(Status.Code.OK);
    assertThat(outcomes).as("no round was given up").isEmpty();
  }

  @Test
  void aMixOneSecondAwayEachWayDeliversRoundsOnceItsLatencyIsMeasured() throws Exception {
    // Issue 16, item 8: with a 1,000 ms link each way, every OpenRound takes 2 s, and the open
    // deadline used to be max(2 s, interval) = 2 s: every round aborted, forever.
    mix.openDelayMs = 2 * 1_000 + 100; // and 100 ms of work at the mix
    Client alice = new Client();
    long first = T0 / INTERVAL;
    driver.tick(T0);
    // The first call runs out at 2 s (nothing is measured yet) and the round aborts ...
    await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
    assertThat(outcomes.get(0).round()).isEqualTo(first);
    assertThat(outcomes.get(0).cause()).isEqualTo(AbortCause.ABORT_CAUSE_MIX_TIMEOUT);
    // ... the next is given twice as long, opens after 2.1 s, and is announced and delivered.
    clock.set(T0 + INTERVAL);
    driver.tick(T0 + INTERVAL);
    RoundEvent settings = alice.next(RoundEvent.EventCase.SETTINGS);
    long round = settings.getSettings().getRound();
    assertThat(round).isEqualTo(first + 1);
    assertThat(refusal(() -> alice.submit(round))).isEqualTo(Status.Code.OK);
    // Opening takes about an interval: more rounds open at once, so the next ones are open by
    // the start of their windows.
    await().atMost(Duration.ofSeconds(20)).until(() -> mix.opened.contains(round + 1));
    clock.set(T0 + 2 * INTERVAL);
    driver.tick(T0 + 2 * INTERVAL);
    assertThat(alice.next(RoundEvent.EventCase.REPLIES).getReplies().getRound()).isEqualTo(round);
    RoundEvent next = alice.next(RoundEvent.EventCase.SETTINGS);
    assertThat(next.getSettings().getRound()).isEqualTo(round + 1);
    assertThat(next.getSettings().getSubmitDeadlineUnixMs()).isEqualTo(T0 + 3 * INTERVAL);
    await().until(() -> outcomes.stream().anyMatch(o -> o.round() == round && o.delivered()));
    assertThat(outcomes).filteredOn(o -> !o.delivered()).as("only the first round was lost")
        .hasSize(1);
  }

  @Test
  void aStoppedMixStillAbortsItsRoundAndTheRoundWaitingWhenItResumesOpensAtOnce()
      throws Exception {
    Client alice = new Client();
    long first = T0 / INTERVAL;
    driver.tick(T0);
    assertThat(alice.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound())
        .isEqualTo(first);
    await().until(() -> mix.opened.contains(first + 1));
    // The mix is stopped (SIGSTOP): it answers no OpenRound until it resumes.
    CountDownLatch stopped = mix.hold(first + 2);
    CountDownLatch stillStopped = mix.hold(first + 3);
    clock.set(T0 + INTERVAL);
    driver.tick(T0 + INTERVAL);
    // In process, the held call occupies the opening thread until it is let go; let it go well
    // after its 2 s deadline, as a mix resuming late would answer.
    Thread.sleep(3_500);
    stopped.countDown();
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.stream()
        .anyMatch(o -> o.round() == first + 2));
    RoundOutcome lost = outcomes.stream().filter(o -> o.round() == first + 2).findFirst().get();
    assertThat(lost.delivered()).isFalse();
    assertThat(lost.cause()).as("detected at its deadline").isEqualTo(
        AbortCause.ABORT_CAUSE_MIX_TIMEOUT);
    assertThat(lost.reason()).contains("deadline 2000 ms");
    clock.set(T0 + 2 * INTERVAL);
    driver.tick(T0 + 2 * INTERVAL); // the next opening waits on the stopped mix, twice as long
    Thread.sleep(1_000);
    stillStopped.countDown(); // it resumes and answers the OpenRound that was waiting
    RoundEvent settings = alice.next(RoundEvent.EventCase.SETTINGS);
    while (settings.getSettings().getRound() < first + 3) {
      settings = alice.next(RoundEvent.EventCase.SETTINGS);
    }
    assertThat(settings.getSettings().getRound()).isEqualTo(first + 3);
    assertThat(settings.getSettings().getSubmitDeadlineUnixMs()).isEqualTo(T0 + 3 * INTERVAL);
    assertThat(outcomes).filteredOn(o -> !o.delivered()).extracting(RoundOutcome::round)
        .containsExactly(first + 2);
  }

  @Test
  void roundNumbersNeverGoBackWhenTheCoordinatorRestartsWithItsClockBehind() throws Exception {
    driver.tick(T0);
    await().until(() -> mix.opened.contains(T0 / INTERVAL + 1)); // the first one was announced
    clock.set(T0 + INTERVAL);
    driver.tick(T0 + INTERVAL);
    await().until(() -> mix.opened.contains(T0 / INTERVAL + 2));
    driver.close();
    long last = RoundNumbers.open(dataDir.resolve("last-round")).last();
    assertThat(last).isEqualTo(T0 / INTERVAL + 2);

    clock.set(T0 - 3_600_000); // restarted an hour behind
    driver = driver(RoundNumbers.open(dataDir.resolve("last-round")));
    Client alice = new Client();
    driver.tick(T0 - 3_600_000);
    long round = alice.next(RoundEvent.EventCase.SETTINGS).getSettings().getRound();
    assertThat(round).isEqualTo(last + 1);
  }

  @Test
  void welcomeCarriesTheSizesAndVersionAndUnknownClientVersionsAreRefused() throws Exception {
    Client alice = new Client();
    ClientGatewayGrpc.newBlockingStub(client).withDeadlineAfter(5, TimeUnit.SECONDS);
    BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    for (String version : List.of("", "sotto-client/1", "sotto-client/2", "sotto-client",
        "sotto-client/0.1.0")) {
      ClientGatewayGrpc.newStub(client).subscribe(SubscribeRequest.newBuilder()
          .setClientVersion(version).build(), new StreamObserver<>() {
            @Override
            public void onNext(RoundEvent value) {
              errors.add(new AssertionError("welcomed " + version));
            }

            @Override
            public void onError(Throwable t) {
              errors.add(t);
            }

            @Override
            public void onCompleted() {}
          });
      Throwable t = errors.poll(5, TimeUnit.SECONDS);
      assertThat(Status.fromThrowable(t).getCode()).as(version)
          .isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(Status.fromThrowable(t).getDescription()).contains("protocol");
    }
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(alice.session.size()).isEqualTo(32);
  }

  @Test
  void welcomeFieldsAreFilledAsTheProtoDocumentsThem() throws Exception {
    ClientGatewayGrpc.newStub(client).subscribe(SubscribeRequest.newBuilder()
        .setClientVersion("third-party/3.0.3").build(), new StreamObserver<>() {
          @Override
          public void onNext(RoundEvent value) {
            welcome.add(value);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    var w = welcome.poll(5, TimeUnit.SECONDS).getWelcome();
    assertThat(w.getOnionSize()).isEqualTo(384 + 64);
    assertThat(w.getReplySize()).isEqualTo(368 + 32);
    assertThat(w.getServerVersion()).isEqualTo("sotto-coordinator/3");
    assertThat(w.getChainLength()).isEqualTo(1);
  }

  private final BlockingQueue<RoundEvent> welcome = new LinkedBlockingQueue<>();

  @Test
  void theScheduleSkipsWholeWindowsThatPassedInsteadOfTickingBackToBack() {
    assertThat(RoundSchedule.nextWindow(T0, INTERVAL, T0 + 5)).isEqualTo(T0 + INTERVAL);
    // Late into the next window: that window still starts, late, with its honest deadline.
    assertThat(RoundSchedule.nextWindow(T0, INTERVAL, T0 + INTERVAL + 1_900))
        .isEqualTo(T0 + INTERVAL);
    // Two and a half windows late: the two that passed are skipped, not fired back to back.
    assertThat(RoundSchedule.nextWindow(T0, INTERVAL, T0 + 2 * INTERVAL + INTERVAL / 2))
        .isEqualTo(T0 + 2 * INTERVAL);
  }

  @Test
  void aCorruptRoundFileIsRefusedWithWhatToDo() throws Exception {
    Path file = dataDir.resolve("broken");
    java.nio.file.Files.writeString(file, "not a number");
    assertThatThrownBy(() -> RoundNumbers.open(file)).hasMessageContaining("last round number")
        .hasMessageContaining("delete it");
  }

  static {
    org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(10));
  }
}
