package org.sotto.core.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;
import org.sotto.core.wire.WireSizes;

class OnionRejectionTest {
  private static final long ROUND = 77;
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();
  private List<X25519KeyPair> mixes;
  private List<byte[]> mixPublics;
  private byte[] request;

  @BeforeEach
  void chain() {
    mixes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mixes.add(X25519KeyPair.generate(x25519, random));
    }
    mixPublics = mixes.stream().map(X25519KeyPair::publicKey).toList();
    request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private WrappedOnion wrap() throws RejectedInputException {
    return new OnionWrapper(x25519).wrap(ROUND, mixPublics, request, random);
  }

  private OnionPeeler peeler(int position) {
    return new OnionPeeler(x25519, ROUND, mixes.get(position), 3 - position);
  }

  @Test
  void duplicatesShareAnEphemeralKeyAndDistinctOnionsDoNot() throws Exception {
    byte[] onion = wrap().onion();
    PeeledLayer first = peeler(0).peel(onion);
    PeeledLayer again = peeler(0).peel(onion.clone());
    assertThat(first.ephemeralKey()).hasSize(32)
        .isEqualTo(again.ephemeralKey())
        .isEqualTo(Arrays.copyOf(onion, 32));
    assertThat(again.inner()).isEqualTo(first.inner());

    // The same request wrapped twice gets fresh ephemerals at every layer.
    byte[] other = wrap().onion();
    assertThat(peeler(0).peel(other).ephemeralKey()).isNotEqualTo(first.ephemeralKey());
    assertThat(peeler(1).peel(peeler(0).peel(other).inner()).ephemeralKey())
        .isNotEqualTo(peeler(1).peel(first.inner()).ephemeralKey());
  }

  @Test
  void wrongSizesAreRejectedAtEveryPosition() throws Exception {
    byte[] current = wrap().onion();
    for (int pos = 0; pos < 3; pos++) {
      int size = WireSizes.onionSize(3 - pos);
      assertThat(current).hasSize(size);
      for (int bad : new int[] {0, 32, size - 1, size + 1, size - 16, size + 16,
          size - WireSizes.ONION_LAYER_OVERHEAD, size + WireSizes.ONION_LAYER_OVERHEAD}) {
        byte[] wrong = Arrays.copyOf(current, bad);
        int p = pos;
        assertRejected(() -> peeler(p).peel(wrong), Reason.WRONG_LENGTH);
      }
      current = peeler(pos).peel(current).inner();
    }
    assertThat(current).isEqualTo(request);
  }

  @Test
  void everyBitFlipOfAOneLayerOnionIsRejected() throws Exception {
    X25519KeyPair mix = mixes.get(0);
    byte[] onion = new OnionWrapper(x25519)
        .wrap(ROUND, List.of(mix.publicKey()), request, random).onion();
    OnionPeeler peeler = new OnionPeeler(x25519, ROUND, mix, 1);
    for (int bit = 0; bit < onion.length * 8; bit++) {
      byte[] tampered = onion.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      // Flipping the top bit of the ephemeral key leaves the X25519 input unchanged (RFC 7748
      // ignores it), but the HKDF salt holds the bytes as sent, so the MAC still fails.
      assertRejected(() -> peeler.peel(tampered), Reason.BAD_MAC);
    }
  }

  @Test
  void peelingOutOfOrderOrWithAnotherKeyFailsTheMac() throws Exception {
    byte[] onion = wrap().onion();
    // Mix 2's key on mix 1's layer (sizes forced equal by a peeler for 3 layers).
    assertRejected(() -> new OnionPeeler(x25519, ROUND, mixes.get(1), 3).peel(onion),
        Reason.BAD_MAC);
    X25519KeyPair stranger = X25519KeyPair.generate(x25519, random);
    assertRejected(() -> new OnionPeeler(x25519, ROUND, stranger, 3).peel(onion),
        Reason.BAD_MAC);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
  void aLowOrderRoundKeyIsRejectedAtWrapAndALowOrderEphemeralAtPeel(String point)
      throws Exception {
    byte[] lowOrder = HexFormat.of().parseHex(point);
    for (int pos = 0; pos < 3; pos++) {
      List<byte[]> keys = new ArrayList<>(mixPublics);
      keys.set(pos, lowOrder);
      assertRejected(() -> new OnionWrapper(x25519).wrap(ROUND, keys, request, random),
          Reason.ZERO_SHARED_SECRET);
    }
    byte[] onion = wrap().onion();
    System.arraycopy(lowOrder, 0, onion, 0, 32);
    assertRejected(() -> peeler(0).peel(onion), Reason.ZERO_SHARED_SECRET);
  }

  @Test
  void wrapRefusesARequestOfTheWrongSize() {
    assertRejected(() -> new OnionWrapper(x25519).wrap(ROUND, mixPublics,
        new byte[WireSizes.EXCHANGE_REQUEST - 1], random), Reason.WRONG_LENGTH);
  }

  /** Peels through all three mixes and returns their reply keys, in chain order. */
  private List<ReplyKey> peelAll(byte[] onion) throws RejectedInputException {
    List<ReplyKey> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PeeledLayer p = peeler(i).peel(onion);
      keys.add(p.replyKey());
      onion = p.inner();
    }
    return keys;
  }

  @Test
  void aTamperedReplyLayerIsRejectedAtTheClient() throws Exception {
    WrappedOnion wrapped = wrap();
    List<ReplyKey> mixKeys = peelAll(wrapped.onion());
    byte[] answer = new byte[WireSizes.EXCHANGE_REPLY];
    random.nextBytes(answer);

    // Tamper after each mix in turn: the client finds out at that mix's layer or the next.
    for (int tamperAfter = 2; tamperAfter >= 0; tamperAfter--) {
      byte[] reply = answer;
      for (int i = 2; i >= 0; i--) {
        reply = mixKeys.get(i).seal(reply);
        if (i == tamperAfter) {
          reply[random.nextInt(reply.length)] ^= 1;
        }
      }
      byte[] finalReply = reply;
      assertRejected(() -> wrapped.openReply(finalReply), Reason.BAD_MAC);
    }

    // Every single bit flip of the reply as delivered.
    byte[] reply = answer;
    for (int i = 2; i >= 0; i--) {
      reply = mixKeys.get(i).seal(reply);
    }
    assertThat(wrapped.openReply(reply)).isEqualTo(answer);
    for (int bit = 0; bit < reply.length * 8; bit++) {
      byte[] tampered = reply.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> wrapped.openReply(tampered), Reason.BAD_MAC);
    }
  }

  @Test
  void aReplyOfTheWrongSizeOrUnderAnotherOnionsKeysIsRejected() throws Exception {
    WrappedOnion wrapped = wrap();
    List<ReplyKey> mixKeys = peelAll(wrapped.onion());
    byte[] reply = new byte[WireSizes.EXCHANGE_REPLY];
    for (int i = 2; i >= 0; i--) {
      reply = mixKeys.get(i).seal(reply);
    }
    assertThat(reply).hasSize(WireSizes.replySize(3));
    byte[] r = reply;
    assertRejected(() -> wrapped.openReply(Arrays.copyOf(r, r.length - 16)), Reason.WRONG_LENGTH);
    assertRejected(() -> wrapped.openReply(Arrays.copyOf(r, r.length + 32)), Reason.WRONG_LENGTH);
    // Another onion of the same client: its reply keys do not open this reply.
    assertRejected(() -> wrap().openReply(r), Reason.BAD_MAC);
  }

  @Test
  void replyKeysMatchOnBothSidesAndDifferPerLayer() throws Exception {
    WrappedOnion wrapped = wrap();
    List<ReplyKey> mixKeys = peelAll(wrapped.onion());
    byte[] msg = new byte[64];
    random.nextBytes(msg);
    for (int i = 0; i < 3; i++) {
      byte[] sealed = mixKeys.get(i).seal(msg);
      assertThat(sealed).hasSize(64 + WireSizes.REPLY_LAYER_OVERHEAD);
      assertThat(wrapped.replyKeys().get(i).open(sealed, sealed.length)).isEqualTo(msg);
      int next = (i + 1) % 3;
      assertRejected(() -> wrapped.replyKeys().get(next).open(sealed, sealed.length),
          Reason.BAD_MAC);
    }
  }
}
