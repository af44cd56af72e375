package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundSettings;

/**
 * What a misbehaving client sends is refused with a status that says why, counted, and never
 * harms the round or the client's stream.
 */
class SubmissionRejectionEndToEndTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  private final SecureRandom random = new SecureRandom();

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 5, 1);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private byte[] onionFor(RoundSettings settings) throws RejectedInputException {
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);
    return new OnionWrapper(X25519Engines.best()).wrap(settings.getRound(),
        settings.getMixKeysList().stream().map(k -> k.getRoundPublicKey().toByteArray()).toList(),
        request, random).onion();
  }

  @Test
  void aReplayedOnionWithinARoundIsDroppedAndCountedAtTheFirstMix() throws Exception {
    try (RawClient a = new RawClient(cluster.descriptor());
        RawClient b = new RawClient(cluster.descriptor())) {
      RoundSettings settings = a.nextSettings();
      byte[] onion = onionFor(settings);
      long before = cluster.mix(0).counters().duplicates();
      a.submit(settings.getRound(), List.of(onion));
      b.submit(settings.getRound(), List.of(onion));
      RoundEvent outcome = a.outcomeOf(settings.getRound());
      assertThat(outcome.hasReplies()).isTrue();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> cluster.mix(0).counters().duplicates() == before + 1);
    }
  }

  @Test
  void aSecondSubmissionInOneRoundIsRefusedAndTheStreamStaysUp() throws Exception {
    try (RawClient a = new RawClient(cluster.descriptor())) {
      RoundSettings settings = a.nextSettings();
      a.submit(settings.getRound(), List.of(onionFor(settings)));
      assertThatThrownBy(() -> a.submit(settings.getRound(), List.of(onionFor(settings))))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
      assertThat(a.outcomeOf(settings.getRound()).hasReplies()).isTrue();
      assertThat(a.nextSettings().getRound()).isGreaterThan(settings.getRound());
    }
  }

  @Test
  void aWrongSizeOnionIsRefusedWithInvalidArgument() throws Exception {
    try (RawClient a = new RawClient(cluster.descriptor())) {
      RoundSettings settings = a.nextSettings();
      byte[] shortOnion = new byte[WireSizes.onionSize(3) - 1];
      assertThatThrownBy(() -> a.submit(settings.getRound(), List.of(shortOnion)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("bytes");
          });
      assertThatThrownBy(() -> a.submit(settings.getRound(), List.of()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
      // the stream is still up and the same session can still take part
      RoundSettings next = a.nextSettings();
      a.submit(next.getRound(), List.of(onionFor(next)));
      assertThat(a.outcomeOf(next.getRound()).hasReplies()).isTrue();
    }
  }

  @Test
  void anOnionForAnEarlierRoundFailsLateOrAtTheFirstMix() throws Exception {
    try (RawClient a = new RawClient(cluster.descriptor())) {
      RoundSettings old = a.nextSettings();
      byte[] oldOnion = onionFor(old);
      RoundSettings current = a.nextSettings();
      assertThatThrownBy(() -> a.submit(old.getRound(), List.of(oldOnion)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).contains("too late");
          });
      assertThatThrownBy(() -> a.submit(current.getRound() + 5, List.of(oldOnion)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getDescription()).contains("too early"));

      long badMacs = cluster.mix(0).counters().drops(RejectedInputException.Reason.BAD_MAC);
      a.submit(current.getRound(), List.of(oldOnion)); // right round number, stale keys
      RoundEvent outcome = a.outcomeOf(current.getRound());
      assertThat(outcome.hasReplies()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.mix(0).counters()
          .drops(RejectedInputException.Reason.BAD_MAC) == badMacs + 1);
    }
  }

  @Test
  void anUnknownSessionIsRefused() throws Exception {
    try (RawClient a = new RawClient(cluster.descriptor())) {
      RoundSettings settings = a.nextSettings();
      org.sotto.proto.SubmitOnionsRequest forged = org.sotto.proto.SubmitOnionsRequest
          .newBuilder().setSessionId(com.google.protobuf.ByteString.copyFrom(new byte[16]))
          .setRound(settings.getRound())
          .addOnions(com.google.protobuf.ByteString.copyFrom(onionFor(settings))).build();
      assertThatThrownBy(() -> org.sotto.proto.ClientGatewayGrpc.newBlockingStub(a.channel)
          .submitOnions(forged))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
              e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }
}
