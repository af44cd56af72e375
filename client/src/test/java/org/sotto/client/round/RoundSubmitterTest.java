package org.sotto.client.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundKind;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.MixRoundKey;

/**
 * When a round's onions go out, against how long preparing them takes: the submission time is
 * the drawn one whatever the preparation costs, and a preparation that overruns it is replaced by
 * cover at that same time, its requests handed back.
 */
class RoundSubmitterTest {
  private static final X25519 X = X25519Engines.best();
  private static final long SUBMIT_AFTER_MS = 300;
  /** How far from the drawn time a submission may go out on a busy test machine. */
  private static final long TOLERANCE_MS = 60;
  /** Prepare at once, submit exactly {@value #SUBMIT_AFTER_MS} ms after the settings arrived. */
  private static final SubmissionTiming FIXED = new SubmissionTiming() {
    @Override
    public long prepareByMs(long remainingMs) {
      return 0;
    }

    @Override
    public long submitAfterMs(long remainingMs) {
      return SUBMIT_AFTER_MS;
    }
  };

  private final Ecdsa.KeyPair mixKey = Ecdsa.generate(new SecureRandom());
  private final ClusterDescriptor descriptor = new ClusterDescriptor("test",
      new HostPort("127.0.0.1", 1), List.of(new ClusterDescriptor.MixEntry("mix-1",
          new HostPort("127.0.0.1", 2), java.util.HexFormat.of().formatHex(mixKey.publicKey()))),
      List.of(), "", 1000, 1, new ClusterDescriptor.NoiseSettings(0, 0));
  private final ScheduledExecutorService worker = Executors.newScheduledThreadPool(2);

  /**
   * One round through a submitter before anything is timed: the first wrap in a JVM loads the
   * X25519 engine and compiles the crypto, which alone can take longer than the test's window.
   */
  @BeforeEach
  void warmUp() {
    Kind kind = new Kind(0);
    open(kind, 1);
    await("a warm-up round accepted").atMost(Duration.ofSeconds(10))
        .until(() -> kind.accepted.size() == 1);
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  /** A round's settings as the fake kind takes them. */
  private record Settings(long round, List<MixRoundKey> keys) {}

  /** What the submitter did with one round. */
  private record Submission(long round, long atNanos, boolean real) {}

  /** A kind whose requests take {@code prepareMs} to draw; real ones are 1s, cover 0s. */
  private static final class Kind implements ClientRoundKind<Settings> {
    final long prepareMs;
    final List<Submission> sent = new CopyOnWriteArrayList<>();
    final List<Long> withdrawn = new CopyOnWriteArrayList<>();
    final List<Long> accepted = new CopyOnWriteArrayList<>();

    Kind(long prepareMs) {
      this.prepareMs = prepareMs;
    }

    @Override
    public RoundKind kind() {
      return RoundKind.CONVERSATION;
    }

    @Override
    public long round(Settings settings) {
      return settings.round();
    }

    @Override
    public List<MixRoundKey> keys(Settings settings) {
      return settings.keys();
    }

    @Override
    public long remainingMs(Settings settings) {
      return 1000;
    }

    @Override
    public String problem(Settings settings) {
      return null;
    }

    @Override
    public List<byte[]> requests(Settings settings) {
      try {
        Thread.sleep(prepareMs); // a slow disk, a busy CPU
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] real = new byte[WireSizes.EXCHANGE_REQUEST];
      Arrays.fill(real, (byte) 1);
      return List.of(real);
    }

    @Override
    public List<byte[]> cover(Settings settings) {
      return List.of(new byte[WireSizes.EXCHANGE_REQUEST]);
    }

    @Override
    public void send(ByteString session, Settings settings, List<ByteString> onions,
        StreamObserver<Object> answer) {
      answer.onCompleted();
    }

    @Override
    public void refused(Settings settings, String why) {}

    @Override
    public void sending(Settings settings, List<WrappedOnion> onions, boolean real) {
      sent.add(new Submission(settings.round(), System.nanoTime(), real));
    }

    @Override
    public void accepted(Settings settings, boolean real) {
      accepted.add(settings.round());
    }

    @Override
    public void withdrawn(Settings settings, String why) {
      withdrawn.add(settings.round());
    }

    @Override
    public void failed(Settings settings, String why) {}
  }

  private Settings settings(long round) {
    byte[] roundPublic = X25519KeyPair.generate(X, new SecureRandom()).publicKey();
    return new Settings(round, List.of(MixRoundKey.newBuilder().setPosition(0)
        .setRoundPublicKey(ByteString.copyFrom(roundPublic))
        .setSignature(ByteString.copyFrom(RoundKeySignature.sign(
            RoundTerms.conversation(descriptor.clusterId(), round), mixKey.privateKey(), 0,
            roundPublic))).build()));
  }

  /** Opens {@code round} on a fresh submitter of {@code kind}; returns when it was opened. */
  private long open(Kind kind, long round) {
    RoundSubmitter<Settings> submitter = new RoundSubmitter<>(descriptor, X, kind, worker,
        FIXED);
    Settings s = settings(round);
    long opened = System.nanoTime();
    assertThat(submitter.open(ByteString.copyFromUtf8("session"), s, opened, true)).isTrue();
    return opened;
  }

  private static long millisAfter(Submission s, long openedNanos) {
    return (s.atNanos() - openedNanos) / 1_000_000;
  }

  @Test
  void theSubmissionGoesOutAtTheDrawnTimeHoweverLongThePreparationTakes() {
    Kind quick = new Kind(0);
    Kind slow = new Kind(SUBMIT_AFTER_MS / 2);
    long quickOpened = open(quick, 7);
    long slowOpened = open(slow, 7);
    await("both rounds accepted").atMost(Duration.ofSeconds(5))
        .until(() -> quick.accepted.size() == 1 && slow.accepted.size() == 1);

    assertRealAndOnTime(quick, quickOpened);
    assertRealAndOnTime(slow, slowOpened);
    assertThat(quick.withdrawn).isEmpty();
    assertThat(slow.withdrawn).isEmpty();
  }

  private static void assertRealAndOnTime(Kind kind, long openedNanos) {
    assertThat(kind.sent).singleElement().satisfies(s -> {
      assertThat(s.real()).as("prepared in time: the real requests go out").isTrue();
      assertThat(millisAfter(s, openedNanos)).as("ms after the settings arrived")
          .isBetween(SUBMIT_AFTER_MS, SUBMIT_AFTER_MS + TOLERANCE_MS);
    });
  }

  @Test
  void aPreparationThatOverrunsItsTimeIsReplacedByCoverSentOnTimeAndItsRequestsHandedBack() {
    Kind stalled = new Kind(SUBMIT_AFTER_MS * 2);
    long opened = open(stalled, 9);
    await("the late preparation hands its requests back").atMost(Duration.ofSeconds(5))
        .until(() -> stalled.withdrawn.size() == 1);

    assertThat(stalled.sent).singleElement().satisfies(s -> {
      assertThat(s.real()).as("cover stood in").isFalse();
      assertThat(millisAfter(s, opened)).as("ms after the settings arrived")
          .isBetween(SUBMIT_AFTER_MS, SUBMIT_AFTER_MS + TOLERANCE_MS);
    });
    assertThat(stalled.withdrawn).as("the late requests go out again later").containsExactly(9L);
  }

  @Test
  void theSubmissionIsTimedFromWhenTheSettingsArrivedNotFromWhenTheyWereHandled() {
    Kind kind = new Kind(0);
    RoundSubmitter<Settings> submitter = new RoundSubmitter<>(descriptor, X, kind, worker,
        FIXED);
    long arrived = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(SUBMIT_AFTER_MS / 2);
    submitter.open(ByteString.copyFromUtf8("session"), settings(3), arrived, true);
    await("the round accepted").atMost(Duration.ofSeconds(5))
        .until(() -> kind.accepted.size() == 1);

    assertRealAndOnTime(kind, arrived);
  }

  @Test
  void aRoundStillUnsubmittedWhenTheNextOpensIsGivenUpAndItsRequestsHandedBack()
      throws InterruptedException {
    Kind kind = new Kind(0);
    RoundSubmitter<Settings> submitter = new RoundSubmitter<>(descriptor, X, kind, worker,
        FIXED);
    submitter.open(ByteString.copyFromUtf8("session"), settings(1), System.nanoTime(), true);
    Thread.sleep(50); // round 1 is prepared now, waiting for its time
    submitter.open(ByteString.copyFromUtf8("session"), settings(2), System.nanoTime(), true);
    await("one round accepted").atMost(Duration.ofSeconds(5))
        .until(() -> kind.accepted.size() == 1);
    Thread.sleep(SUBMIT_AFTER_MS); // round 1's timer has fired by now, to no effect

    assertThat(kind.sent).extracting(Submission::round).as("only the newer round goes out")
        .containsExactly(2L);
    assertThat(kind.withdrawn).containsExactly(1L);
  }

  @Test
  void everyDrawnTimeLeavesThePreparationAndTheNetworkTheirShareOfTheWindow() {
    SubmissionTiming timing = SubmissionTiming.DEFAULT;
    List<Long> drawn = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      drawn.add(timing.submitAfterMs(2000));
    }
    assertThat(timing.prepareByMs(2000)).isEqualTo(400);
    assertThat(Collections.min(drawn)).isBetween(800L, 810L);
    assertThat(Collections.max(drawn)).isBetween(1390L, 1400L);
    assertThat(drawn.stream().filter(ms -> ms < 1100).count())
        .as("uniform: about half in the first half of the range").isBetween(4700L, 5300L);
  }

  @Test
  void theTimeLeftIsTakenFromTheCoordinatorsClockAndKeptWithinOneInterval() {
    assertThat(SubmissionTiming.remainingMs(10_000_000_500L, 10_000_000_000L, 2000))
        .as("a client's own clock does not enter").isEqualTo(500);
    assertThat(SubmissionTiming.remainingMs(10_000_009_000L, 10_000_000_000L, 2000))
        .as("never more than an interval").isEqualTo(2000);
    assertThat(SubmissionTiming.remainingMs(10_000_000_000L, 0, 2000))
        .as("a coordinator that does not send its clock").isEqualTo(2000);
    assertThat(SubmissionTiming.remainingMs(10_000_000_000L, 10_000_000_100L, 2000))
        .as("already past the deadline").isZero();
  }
}
