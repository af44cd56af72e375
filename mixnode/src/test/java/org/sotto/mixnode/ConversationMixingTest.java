package org.sotto.mixnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * Conversation rounds through real engines, with the dead drops played by the test: replies must
 * come back to the right clients through the shuffles and the noise, the noise must peel like real
 * onions downstream, and bad or duplicate onions must be dropped, counted and answered with
 * bytes their senders cannot open, whether the batch was peeled whole or chunk by chunk.
 */
class ConversationMixingTest {
  private static final long ROUND = 99;
  private final SecureRandom random = new SecureRandom();
  private final List<TestChain> chains = new ArrayList<>();

  @AfterEach
  void stop() {
    chains.forEach(TestChain::close);
  }

  private TestChain chain(int mixes, int noise) {
    TestChain chain = new TestChain(mixes, noise);
    chains.add(chain);
    return chain;
  }

  /** The dead drops: every exchange request is answered with a function of its bytes. */
  private static CompletableFuture<byte[][]> deadDrops(Batch requests) {
    byte[][] answers = new byte[requests.items().length][];
    for (int i = 0; i < answers.length; i++) {
      answers[i] = answerFor(requests.items()[i]);
    }
    return CompletableFuture.completedFuture(answers);
  }

  /** The dead drops, keeping every batch they get in {@code seen}. */
  private static NextHop<Void, byte[][]> recording(List<Batch> seen) {
    return (batch, none) -> {
      seen.add(batch);
      return deadDrops(batch);
    };
  }

  @Test
  void repliesFindTheirWayBackThroughShufflesAndNoise() throws Exception {
    TestChain chain = chain(2, 5); // every mix adds 5 singles and 6 doubles
    MixCounters lastCounters = new MixCounters();
    List<Batch> atTheDeadDrops = new ArrayList<>();
    MixEngine<Void, byte[][], Batch> last =
        chain.conversation(1, recording(atTheDeadDrops), lastCounters);
    MixCounters firstCounters = new MixCounters();
    MixEngine<Void, byte[][], Batch> first = chain.conversation(0,
        (batch, none) -> last.mix(batch).thenApply(Batch::items), firstCounters);
    RoundKeyAnnouncement lastKey = last.open(ROUND, null, List.of());
    RoundKeyAnnouncement firstKey = first.open(ROUND, null, List.of(TestChain.roundKey(lastKey)));

    List<WrappedOnion> clients = new ArrayList<>();
    List<byte[]> requests = new ArrayList<>();
    byte[][] onions = new byte[20][];
    for (int i = 0; i < onions.length; i++) {
      byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
      random.nextBytes(request);
      requests.add(request);
      clients.add(new OnionWrapper(chain.x25519).wrap(ROUND, List.of(
          firstKey.getRoundPublicKey().toByteArray(), lastKey.getRoundPublicKey().toByteArray()),
          request, random));
      onions[i] = clients.get(i).onion();
    }

    byte[][] back = first.mix(new Batch(ROUND, first.incomingItemSize(), onions)).join().items();

    assertThat(lastCounters.onionsIn()).isEqualTo(20 + 11);
    assertThat(lastCounters.drops(RejectedInputException.Reason.BAD_MAC))
        .as("the first mix's noise peels like real onions").isZero();
    assertThat(atTheDeadDrops.get(0).items().length).isEqualTo(20 + 11 + 11);
    assertThat(firstCounters.noiseAdded()).isEqualTo(11);
    assertThat(back.length).isEqualTo(20);
    for (int i = 0; i < 20; i++) {
      assertThat(clients.get(i).openReply(back[i])).isEqualTo(answerFor(requests.get(i)));
    }
  }

  @Test
  void duplicatesAndBadOnionsAreDroppedCountedAndGetUnopenableReplies() throws Exception {
    TestChain chain = chain(1, 0);
    MixCounters counters = new MixCounters();
    List<Batch> atTheDeadDrops = new ArrayList<>();
    MixEngine<Void, byte[][], Batch> mix =
        chain.conversation(0, recording(atTheDeadDrops), counters);
    RoundKeyAnnouncement key = mix.open(ROUND, null, List.of());
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    WrappedOnion good = wrap(chain, key, request);
    byte[] tamperedKey = good.onion().clone();
    tamperedKey[100] ^= 1;
    tamperedKey[0] ^= 1; // a different ephemeral key, so not a duplicate: fails its MAC

    byte[][] back = mix.mix(new Batch(ROUND, mix.incomingItemSize(),
        new byte[][] {good.onion(), good.onion(), tamperedKey})).join().items();

    assertThat(atTheDeadDrops.get(0).items().length).isEqualTo(1);
    assertThat(counters.duplicates()).isEqualTo(1);
    assertThat(counters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);
    assertThat(good.openReply(back[0])).isEqualTo(answerFor(request));
    assertThat(back[1]).hasSize(WireSizes.replySize(1));
    assertThat(back[2]).hasSize(WireSizes.replySize(1));
    assertThat(Arrays.equals(back[1], back[2])).isFalse();
  }

  @Test
  void peelingChunksAsTheyStreamInDropsTheSameAndAnswersTheSame() throws Exception {
    TestChain chain = chain(1, 0);
    MixCounters counters = new MixCounters();
    MixEngine<Void, byte[][], Batch> mix = chain.conversation(0,
        (batch, none) -> deadDrops(batch), counters);
    RoundKeyAnnouncement key = mix.open(ROUND, null, List.of());
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    WrappedOnion good = wrap(chain, key, request);
    byte[] tamperedKey = good.onion().clone();
    tamperedKey[0] ^= 1;
    WrappedOnion other = wrap(chain, key, request);

    // as a BatchReceiver assembles it: one array, filled chunk by chunk
    byte[][] batch = new byte[4][];
    BatchStreams.ChunkListener stream = mix.earlyPeel();
    stream.onHeader(ROUND, batch.length);
    batch[0] = good.onion();
    batch[1] = tamperedKey;
    stream.onItems(batch, 0, 2);
    batch[2] = good.onion(); // a duplicate of item 0, in a later chunk
    batch[3] = other.onion();
    stream.onItems(batch, 2, 2);
    byte[][] back = mix.mix(new Batch(ROUND, mix.incomingItemSize(), batch)).join().items();

    assertThat(counters.duplicates()).as("counted once: the streamed peel was used, not redone")
        .isEqualTo(1);
    assertThat(counters.drops(RejectedInputException.Reason.BAD_MAC)).isEqualTo(1);
    assertThat(good.openReply(back[0])).isEqualTo(answerFor(request));
    assertThat(other.openReply(back[3])).isEqualTo(answerFor(request));
  }

  @Test
  void aBatchOtherThanTheOneSeenStreamingIsPeeledAfresh() throws Exception {
    TestChain chain = chain(1, 0);
    List<Batch> atTheDeadDrops = new ArrayList<>();
    MixEngine<Void, byte[][], Batch> mix = chain.conversation(0, recording(atTheDeadDrops));
    RoundKeyAnnouncement key = mix.open(ROUND, null, List.of());
    WrappedOnion good = wrap(chain, key, new byte[WireSizes.EXCHANGE_REQUEST]);
    byte[][] seen = {good.onion().clone()};
    seen[0][100] ^= 1; // this one would fail its MAC
    BatchStreams.ChunkListener stream = mix.earlyPeel();
    stream.onHeader(ROUND, 1);
    stream.onItems(seen, 0, 1);
    mix.mix(new Batch(ROUND, mix.incomingItemSize(), new byte[][] {good.onion()})).join();
    assertThat(atTheDeadDrops.get(0).items().length).isEqualTo(1);
  }

  @Test
  void noiseAtTheLastMixIsPlainExchangeRequestsWithPairsSharingADeadDrop() {
    TestChain chain = chain(1, 3); // 3 singles, 4 doubles
    List<Batch> atTheDeadDrops = new ArrayList<>();
    MixEngine<Void, byte[][], Batch> mix = chain.conversation(0, recording(atTheDeadDrops));
    mix.open(ROUND, null, List.of());
    mix.mix(new Batch(ROUND, mix.incomingItemSize(), new byte[0][])).join();
    byte[][] noise = atTheDeadDrops.get(0).items();
    assertThat(noise.length).isEqualTo(7);
    assertThat(Arrays.stream(noise).allMatch(n -> n.length == WireSizes.EXCHANGE_REQUEST))
        .isTrue();
    long distinctDrops = Arrays.stream(noise)
        .map(n -> java.nio.ByteBuffer.wrap(n, 0, WireSizes.DEAD_DROP_ID).slice())
        .distinct().count();
    assertThat(distinctDrops).as("3 singles and 2 pairs").isEqualTo(3 + 2);
  }

  private WrappedOnion wrap(TestChain chain, RoundKeyAnnouncement key, byte[] request)
      throws RejectedInputException {
    return new OnionWrapper(chain.x25519).wrap(ROUND,
        List.of(key.getRoundPublicKey().toByteArray()), request, random);
  }

  private static byte[] answerFor(byte[] request) {
    byte[] answer = new byte[WireSizes.EXCHANGE_REPLY];
    for (int i = 0; i < answer.length; i++) {
      answer[i] = (byte) (request[i % request.length] * 31 + i);
    }
    return answer;
  }
}
