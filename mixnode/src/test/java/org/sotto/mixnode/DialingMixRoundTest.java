package org.sotto.mixnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * A two-mix dialing chain run by hand: invitations must land in their buckets, cover requests
 * must vanish, and every mix must put noise into every bucket.
 */
class DialingMixRoundTest {
  private static final long ROUND = 77;
  private static final int BUCKETS = 3;
  private final X25519 x25519 = X25519Engines.best();
  private final SecureRandom random = new SecureRandom();
  private final ForkJoinPool pool = new ForkJoinPool(2);
  private final X25519KeyPair first = X25519KeyPair.generate(x25519, random);
  private final X25519KeyPair second = X25519KeyPair.generate(x25519, random);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private byte[] onion(DialingRequest request) throws RejectedInputException {
    return new OnionWrapper(x25519, RoundKind.DIALING).wrap(ROUND,
        List.of(first.publicKey(), second.publicKey()), request.encode(), random).onion();
  }

  private byte[] invitation(int tag) {
    byte[] invitation = new byte[WireSizes.INVITATION];
    random.nextBytes(invitation);
    invitation[0] = (byte) tag;
    return invitation;
  }

  @Test
  void invitationsLandInTheirBucketsCoverVanishesAndNoiseFillsEveryBucket() throws Exception {
    DialingCounters firstCounters = new DialingCounters();
    DialingCounters lastCounters = new DialingCounters();
    DialingMixRound mix1 = new DialingMixRound(ROUND, 0, 2, BUCKETS, x25519, first,
        firstCounters, pool);
    DialingMixRound mix2 = new DialingMixRound(ROUND, 1, 2, BUCKETS, x25519, second,
        lastCounters, pool);

    byte[] forBucket0 = invitation(1);
    byte[] forBucket2 = invitation(2);
    List<byte[]> onions = new ArrayList<>();
    onions.add(onion(new DialingRequest(0, forBucket0)));
    onions.add(onion(new DialingRequest(2, forBucket2)));
    for (int i = 0; i < 5; i++) {
      onions.add(onion(DialingRequest.cover(random)));
    }
    onions.add(onion(new DialingRequest(BUCKETS, invitation(3)))); // no such bucket
    onions.add(onions.get(0).clone()); // a replay
    byte[] tampered = onion(new DialingRequest(1, invitation(4)));
    tampered[100] ^= 1;
    onions.add(tampered);

    byte[][] forwarded = mix1.forward(onions.toArray(byte[][]::new), List.of(second.publicKey()),
        new long[] {2, 3, 4});
    assertThat(forwarded.length).isEqualTo(8 + 9);
    assertThat(Arrays.stream(forwarded).mapToInt(o -> o.length).distinct().toArray())
        .containsExactly(WireSizes.dialingOnionSize(1));
    assertThat(firstCounters.duplicates()).isEqualTo(1);
    assertThat(firstCounters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);
    assertThat(firstCounters.noiseAdded()).isEqualTo(9);

    Buckets buckets = mix2.sort(forwarded, new long[] {1, 1, 1});
    assertThat(lastCounters.noOpDiscarded()).isEqualTo(5);
    assertThat(lastCounters.outOfRangeDiscarded()).isEqualTo(1);
    assertThat(lastCounters.drops(RejectedInputException.Reason.BAD_MAC))
        .as("the first mix's noise peels like real onions").isZero();
    assertThat(buckets.bucketCount()).isEqualTo(BUCKETS);
    assertThat(buckets.bucket(0).length).isEqualTo(1 + 2 + 1);
    assertThat(buckets.bucket(1).length).isEqualTo(3 + 1);
    assertThat(buckets.bucket(2).length).isEqualTo(1 + 4 + 1);
    assertThat(Arrays.stream(buckets.bucket(0)).anyMatch(i -> Arrays.equals(i, forBucket0)))
        .isTrue();
    assertThat(Arrays.stream(buckets.bucket(2)).anyMatch(i -> Arrays.equals(i, forBucket2)))
        .isTrue();
    assertThat(Arrays.stream(buckets.bucket(1)).noneMatch(i -> i[0] == 4))
        .as("the tampered invitation never arrives").isTrue();
  }

  @Test
  void anEmptyRoundStillGetsNoiseInEveryBucket() {
    DialingMixRound last = new DialingMixRound(ROUND, 0, 1, 4, x25519, first,
        new DialingCounters(), pool);
    Buckets buckets = last.sort(new byte[0][], new long[] {1, 2, 3, 4});
    for (int b = 0; b < 4; b++) {
      assertThat(buckets.bucket(b).length).isEqualTo(b + 1);
      assertThat(Arrays.stream(buckets.bucket(b)).allMatch(i -> i.length == WireSizes.INVITATION))
          .isTrue();
    }
  }
}
