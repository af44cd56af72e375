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
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The first mix of a two-mix chain, with the second mix and the dead drop played by the test:
 * replies must come back to the right clients through the shuffle, noise must be indistinguishable
 * downstream, and bad or duplicate onions must be dropped and counted.
 */
class MixRoundTest {
  private static final long ROUND = 99;
  private final X25519 x25519 = X25519Engines.best();
  private final SecureRandom random = new SecureRandom();
  private final ForkJoinPool pool = new ForkJoinPool(2);
  private final X25519KeyPair first = X25519KeyPair.generate(x25519, random);
  private final X25519KeyPair second = X25519KeyPair.generate(x25519, random);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void repliesFindTheirWayBackThroughShuffleAndNoise() throws Exception {
    MixCounters counters = new MixCounters();
    MixRound mix = new MixRound(ROUND, 0, 2, x25519, first, counters, pool);
    List<WrappedOnion> clients = new ArrayList<>();
    byte[][] onions = new byte[20][];
    for (int i = 0; i < onions.length; i++) {
      byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
      random.nextBytes(request);
      clients.add(new OnionWrapper(x25519).wrap(ROUND,
          List.of(first.publicKey(), second.publicKey()), request, random));
      onions[i] = clients.get(i).onion();
    }

    byte[][] outgoing = mix.forward(onions, List.of(second.publicKey()), new NoiseCounts(5, 6));
    assertThat(outgoing.length).isEqualTo(20 + 11);
    assertThat(counters.noiseAdded()).isEqualTo(11);

    // the second mix peels everything, noise included, and answers each request with its hash
    OnionPeeler secondPeeler = new OnionPeeler(x25519, ROUND, second, 1);
    byte[][] replies = new byte[outgoing.length][];
    for (int i = 0; i < outgoing.length; i++) {
      PeeledLayer peeled = secondPeeler.peel(outgoing[i]); // throws if noise were malformed
      replies[i] = peeled.replyKey().seal(answerFor(peeled.inner()));
    }

    byte[][] back = mix.reverse(replies);
    assertThat(back.length).isEqualTo(20);
    for (int i = 0; i < 20; i++) {
      byte[] answer = clients.get(i).openReply(back[i]);
      assertThat(answer).isEqualTo(answerFor(innerRequestOf(clients.get(i), i, onions)));
    }
  }

  @Test
  void duplicatesAndBadOnionsAreDroppedCountedAndGetUnopenableReplies() throws Exception {
    MixCounters counters = new MixCounters();
    MixRound mix = new MixRound(ROUND, 0, 1, x25519, first, counters, pool);
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    WrappedOnion good = new OnionWrapper(x25519).wrap(ROUND, List.of(first.publicKey()),
        request, random);
    byte[] tampered = good.onion().clone();
    tampered[100] ^= 1;
    byte[] tamperedKey = tampered.clone();
    tamperedKey[0] ^= 1; // a different ephemeral key, so not a duplicate: fails its MAC
    byte[][] outgoing = mix.forward(new byte[][] {good.onion(), good.onion(), tamperedKey},
        List.of(), new NoiseCounts(0, 0));
    assertThat(outgoing.length).isEqualTo(1);
    assertThat(counters.duplicates()).isEqualTo(1);
    assertThat(counters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);

    byte[][] back = mix.reverse(new byte[][] {new byte[WireSizes.EXCHANGE_REPLY]});
    assertThat(good.openReply(back[0])).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
    assertThat(back[1]).hasSize(WireSizes.replySize(1));
    assertThat(back[2]).hasSize(WireSizes.replySize(1));
    assertThat(Arrays.equals(back[1], back[2])).isFalse();
  }

  @Test
  void peelingChunksAsTheyStreamInDropsTheSameAndAnswersTheSame() throws Exception {
    MixCounters counters = new MixCounters();
    MixRound mix = new MixRound(ROUND, 0, 1, x25519, first, counters, pool);
    WrappedOnion good = new OnionWrapper(x25519).wrap(ROUND, List.of(first.publicKey()),
        new byte[WireSizes.EXCHANGE_REQUEST], random);
    byte[] tamperedKey = good.onion().clone();
    tamperedKey[0] ^= 1;
    WrappedOnion other = new OnionWrapper(x25519).wrap(ROUND, List.of(first.publicKey()),
        new byte[WireSizes.EXCHANGE_REQUEST], random);
    // as a BatchReceiver assembles it: one array, filled chunk by chunk
    byte[][] batch = new byte[4][];
    mix.prepareNoise(List.of(), new NoiseCounts(0, 0));
    mix.beginPeel(batch.length);
    batch[0] = good.onion();
    batch[1] = tamperedKey;
    mix.peelArrived(batch, 0, 2);
    batch[2] = good.onion(); // a duplicate of item 0, in a later chunk
    batch[3] = other.onion();
    mix.peelArrived(batch, 2, 2);
    byte[][] outgoing = mix.forward(batch);

    assertThat(outgoing.length).isEqualTo(2);
    assertThat(counters.duplicates()).isEqualTo(1);
    assertThat(counters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);
    byte[][] back = mix.reverse(new byte[][] {new byte[WireSizes.EXCHANGE_REPLY],
        new byte[WireSizes.EXCHANGE_REPLY]});
    assertThat(good.openReply(back[0])).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
    assertThat(other.openReply(back[3])).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
  }

  @Test
  void aBatchOtherThanTheOneSeenStreamingIsPeeledAfresh() throws Exception {
    MixCounters counters = new MixCounters();
    MixRound mix = new MixRound(ROUND, 0, 1, x25519, first, counters, pool);
    WrappedOnion good = new OnionWrapper(x25519).wrap(ROUND, List.of(first.publicKey()),
        new byte[WireSizes.EXCHANGE_REQUEST], random);
    byte[][] seen = {good.onion().clone()};
    seen[0][100] ^= 1; // this one would fail its MAC
    mix.prepareNoise(List.of(), new NoiseCounts(0, 0));
    mix.beginPeel(1);
    mix.peelArrived(seen, 0, 1);
    byte[][] outgoing = mix.forward(new byte[][] {good.onion()});
    assertThat(outgoing.length).isEqualTo(1);
  }

  @Test
  void destroyZeroesTheRoundKey() {
    MixRound mix = new MixRound(ROUND, 0, 1, x25519, first, new MixCounters(), pool);
    mix.destroy();
    assertThat(first.privateKey()).isEqualTo(new byte[32]);
  }

  private byte[] innerRequestOf(WrappedOnion client, int i, byte[][] onions) throws Exception {
    byte[] once = new OnionPeeler(x25519, ROUND, firstCopy, 2).peel(onions[i]).inner();
    return new OnionPeeler(x25519, ROUND, second, 1).peel(once).inner();
  }

  private final X25519KeyPair firstCopy = new X25519KeyPair(first.privateKey().clone(),
      first.publicKey().clone());

  private static byte[] answerFor(byte[] request) {
    byte[] answer = new byte[WireSizes.EXCHANGE_REPLY];
    for (int i = 0; i < answer.length; i++) {
      answer[i] = (byte) (request[i % request.length] * 31 + i);
    }
    return answer;
  }
}
