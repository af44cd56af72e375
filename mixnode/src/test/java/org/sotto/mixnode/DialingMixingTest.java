package org.sotto.mixnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * A two-mix dialing chain of real engines, the second sorting into buckets: invitations must
 * land in their buckets, cover requests and requests to buckets the round does not have must
 * vanish (counted), replays and tampered onions must be dropped at the first mix, and every mix
 * must put noise into every bucket and into the no-op bucket.
 */
class DialingMixingTest {
  private static final long ROUND = 77;
  private static final int BUCKETS = 3;
  private static final DialingMixing.Settings SETTINGS = new DialingMixing.Settings(BUCKETS);
  private final SecureRandom random = new SecureRandom();
  private final TestChain chain = new TestChain(2, 2); // 2 noise invitations per bucket per mix
  private final DialingCounters firstCounters = new DialingCounters();
  private final DialingCounters lastCounters = new DialingCounters();
  private final MixEngine<DialingMixing.Settings, Buckets, Buckets> last =
      chain.dialing(1, new BucketSort(lastCounters), lastCounters);
  private final MixEngine<DialingMixing.Settings, Buckets, Buckets> first =
      chain.dialing(0, (batch, settings) -> last.mix(batch), firstCounters);

  @AfterEach
  void stop() {
    chain.close();
  }

  @Test
  void invitationsLandInTheirBucketsCoverVanishesAndNoiseFillsEveryBucket() throws Exception {
    RoundKeyAnnouncement lastKey = last.open(ROUND, SETTINGS, List.of());
    RoundKeyAnnouncement firstKey = first.open(ROUND, SETTINGS,
        List.of(TestChain.roundKey(lastKey)));
    List<byte[]> keys = List.of(firstKey.getRoundPublicKey().toByteArray(),
        lastKey.getRoundPublicKey().toByteArray());

    byte[] forBucket0 = invitation();
    byte[] forBucket2 = invitation();
    byte[] tamperedInvitation = invitation();
    List<byte[]> onions = new ArrayList<>();
    onions.add(onion(keys, new DialingRequest(0, forBucket0)));
    onions.add(onion(keys, new DialingRequest(2, forBucket2)));
    for (int i = 0; i < 5; i++) {
      onions.add(onion(keys, DialingRequest.cover(random)));
    }
    onions.add(onion(keys, new DialingRequest(BUCKETS, invitation()))); // no such bucket
    onions.add(onions.get(0).clone()); // a replay
    byte[] tampered = onion(keys, new DialingRequest(1, tamperedInvitation));
    tampered[100] ^= 1;
    onions.add(tampered);

    Buckets buckets = first.mix(new Batch(ROUND, first.incomingItemSize(),
        onions.toArray(byte[][]::new))).join();

    assertThat(firstCounters.duplicates()).isEqualTo(1);
    assertThat(firstCounters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);
    assertThat(firstCounters.noiseAdded()).as("2 per bucket and 2 to the no-op bucket")
        .isEqualTo(2 * BUCKETS + 2);
    assertThat(lastCounters.onionsIn()).as("8 kept and the first mix's noise")
        .isEqualTo(8 + 2 * BUCKETS + 2);
    assertThat(lastCounters.drops(RejectedInputException.Reason.BAD_MAC))
        .as("the first mix's noise peels like real onions").isZero();
    assertThat(lastCounters.noOpDiscarded())
        .as("5 cover requests, so the count the last mix sees is noised by both mixes: 2 no-op "
            + "noise requests from the first mix and 2 of its own")
        .isEqualTo(5 + 2 + 2);
    assertThat(lastCounters.outOfRangeDiscarded()).isEqualTo(1);
    assertThat(buckets.bucketCount()).isEqualTo(BUCKETS);
    assertThat(buckets.bucket(0).length).isEqualTo(1 + 2 + 2);
    assertThat(buckets.bucket(1).length).isEqualTo(2 + 2);
    assertThat(buckets.bucket(2).length).isEqualTo(1 + 2 + 2);
    assertThat(Arrays.stream(buckets.bucket(0)).anyMatch(i -> Arrays.equals(i, forBucket0)))
        .isTrue();
    assertThat(Arrays.stream(buckets.bucket(2)).anyMatch(i -> Arrays.equals(i, forBucket2)))
        .isTrue();
    for (int b = 0; b < BUCKETS; b++) {
      assertThat(Arrays.stream(buckets.bucket(b))
          .noneMatch(i -> Arrays.equals(i, tamperedInvitation)))
          .as("the tampered invitation never arrives").isTrue();
    }
  }

  @Test
  void anEmptyRoundStillGetsNoiseInEveryBucket() {
    TestChain one = new TestChain(1, 3);
    try {
      MixEngine<DialingMixing.Settings, Buckets, Buckets> mix =
          one.dialing(0, new BucketSort(new DialingCounters()), new DialingCounters());
      mix.open(ROUND, new DialingMixing.Settings(4), List.of());
      Buckets buckets = mix.mix(new Batch(ROUND, mix.incomingItemSize(), new byte[0][])).join();
      for (int b = 0; b < 4; b++) {
        assertThat(buckets.bucket(b).length).isEqualTo(3);
        assertThat(Arrays.stream(buckets.bucket(b))
            .allMatch(i -> i.length == WireSizes.INVITATION)).isTrue();
      }
    } finally {
      one.close();
    }
  }

  @Test
  void aRoundIsOpenedWithOneBucketCountWithinTheDescriptorsLimit() {
    assertThat(first.incomingItemSize()).isEqualTo(WireSizes.dialingOnionSize(2));
    assertThat(last.outgoingItemSize()).isEqualTo(WireSizes.DIALING_REQUEST);
    last.open(ROUND, SETTINGS, List.of());
    assertThat(code(() -> last.open(ROUND, new DialingMixing.Settings(BUCKETS + 1), List.of())))
        .isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
    assertThat(code(() -> last.open(ROUND + 1, new DialingMixing.Settings(0), List.of())))
        .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    assertThat(code(() -> last.open(ROUND + 1, new DialingMixing.Settings(17), List.of())))
        .as("the descriptor allows 16").isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
  }

  private static io.grpc.Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (io.grpc.StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("not refused");
  }

  private byte[] onion(List<byte[]> keys, DialingRequest request) throws RejectedInputException {
    return new OnionWrapper(chain.x25519, RoundKind.DIALING).wrap(ROUND, keys, request.encode(),
        random).onion();
  }

  private byte[] invitation() {
    byte[] invitation = new byte[WireSizes.INVITATION];
    random.nextBytes(invitation);
    return invitation;
  }
}
