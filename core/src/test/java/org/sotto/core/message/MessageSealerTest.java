package org.sotto.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;
import org.sotto.core.wire.WireSizes;

class MessageSealerTest {
  /** The secret of the call that started the conversation (§4); any fixed value will do. */
  private static final byte[] CALL = new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();

  private X25519KeyPair aliceDh;
  private X25519KeyPair bobDh;
  private Ecdsa.KeyPair aliceSig;
  private Ecdsa.KeyPair bobSig;
  private RoundKeys aliceRound;
  private RoundKeys bobRound;

  @BeforeEach
  void conversation() throws Exception {
    aliceDh = X25519KeyPair.generate(x25519, random);
    bobDh = X25519KeyPair.generate(x25519, random);
    aliceSig = Ecdsa.generate(random);
    bobSig = Ecdsa.generate(random);
    aliceRound = ConversationRatchet.start(x25519, aliceDh.privateKey(), aliceDh.publicKey(),
        bobDh.publicKey(), CALL, 10).advanceTo(12);
    bobRound = ConversationRatchet.start(x25519, bobDh.privateKey(), bobDh.publicKey(),
        aliceDh.publicKey(), CALL, 10).advanceTo(12);
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private byte[] aliceSeals(ConversationMessage m) {
    return MessageSealer.seal(m, aliceSig.privateKey(), aliceRound.keysFor(aliceDh.publicKey()),
        random);
  }

  @Test
  void roundTripInBothDirections() throws Exception {
    ConversationMessage hi = ConversationMessage.of(1, 0, 0,
        "hi bob".getBytes(StandardCharsets.UTF_8));
    byte[] sealed = aliceSeals(hi);
    assertThat(sealed).hasSize(WireSizes.SEALED_MESSAGE);
    assertThat(MessageSealer.open(sealed, bobRound.keysFor(aliceDh.publicKey()),
        aliceSig.publicKey())).isEqualTo(hi);

    ConversationMessage ack = ConversationMessage.of(0, 1, MessageHeader.FLAG_NO_DATA,
        new byte[0]);
    byte[] back = MessageSealer.seal(ack, bobSig.privateKey(),
        bobRound.keysFor(bobDh.publicKey()), random);
    assertThat(MessageSealer.open(back, aliceRound.keysFor(bobDh.publicKey()),
        bobSig.publicKey())).isEqualTo(ack);
  }

  @Test
  void bodiesOfEveryLengthRoundTrip() throws Exception {
    MessageKeys keys = aliceRound.keysFor(aliceDh.publicKey());
    for (int len = 0; len <= WireSizes.MESSAGE_BODY; len += 17) {
      byte[] body = new byte[len];
      random.nextBytes(body);
      ConversationMessage m = ConversationMessage.of(0xFFFF_FFFFL, len, 0xFFFF, body);
      assertThat(MessageSealer.open(MessageSealer.seal(m, aliceSig.privateKey(), keys, random),
          keys, aliceSig.publicKey())).isEqualTo(m);
    }
    byte[] full = new byte[WireSizes.MESSAGE_BODY];
    random.nextBytes(full);
    ConversationMessage m = ConversationMessage.of(7, 6, 0, full);
    assertThat(MessageSealer.open(MessageSealer.seal(m, aliceSig.privateKey(), keys, random),
        keys, aliceSig.publicKey())).isEqualTo(m);
  }

  @Test
  void randomIvsMakeEverySealDifferent() {
    ConversationMessage m = ConversationMessage.of(1, 0, 0, new byte[] {1, 2, 3});
    assertThat(aliceSeals(m)).isNotEqualTo(aliceSeals(m));
  }

  @Test
  void everySingleBitFlipIsABadMac() {
    byte[] sealed = aliceSeals(ConversationMessage.of(3, 2, 0, new byte[] {42}));
    MessageKeys keys = bobRound.keysFor(aliceDh.publicKey());
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] tampered = sealed.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> MessageSealer.open(tampered, keys, aliceSig.publicKey()),
          Reason.BAD_MAC);
    }
  }

  @Test
  void wrongKeysAreABadMac() throws Exception {
    byte[] sealed = aliceSeals(ConversationMessage.of(1, 0, 0, new byte[] {1}));
    byte[] otherAes = new byte[32];
    byte[] otherMac = new byte[32];
    random.nextBytes(otherAes);
    random.nextBytes(otherMac);
    MessageKeys right = bobRound.keysFor(aliceDh.publicKey());
    assertRejected(() -> MessageSealer.open(sealed, new MessageKeys(otherAes, otherMac,
        right.signatureContext()), aliceSig.publicKey()), Reason.BAD_MAC);
    assertRejected(() -> MessageSealer.open(sealed, new MessageKeys(right.encryptionKey(),
        otherMac, right.signatureContext()), aliceSig.publicKey()), Reason.BAD_MAC);
    // The right cipher keys but another round's or conversation's context: the signature fails.
    byte[] otherContext = right.signatureContext();
    otherContext[otherContext.length - 40] ^= 1; // a byte of the dead-drop ID
    assertRejected(() -> MessageSealer.open(sealed, new MessageKeys(right.encryptionKey(),
        right.macKey(), otherContext), aliceSig.publicKey()), Reason.BAD_SIGNATURE);
    // Keys of the next round of the same conversation.
    RoundKeys next = ConversationRatchet.start(x25519, bobDh.privateKey(), bobDh.publicKey(),
        aliceDh.publicKey(), CALL, 10).advanceTo(13);
    assertRejected(() -> MessageSealer.open(sealed, next.keysFor(aliceDh.publicKey()),
        aliceSig.publicKey()), Reason.BAD_MAC);
  }

  @Test
  void aMessageOpenedWithTheOtherDirectionsKeysFails() {
    MessageKeys aliceToBob = aliceRound.keysFor(aliceDh.publicKey());
    MessageKeys bobToAlice = aliceRound.keysFor(bobDh.publicKey());
    assertThat(aliceToBob.encryptionKey()).isNotEqualTo(bobToAlice.encryptionKey());
    assertThat(aliceToBob.macKey()).isNotEqualTo(bobToAlice.macKey());
    assertThat(aliceToBob.encryptionKey()).isNotEqualTo(aliceToBob.macKey());

    byte[] sealed = aliceSeals(ConversationMessage.of(1, 0, 0, new byte[] {1}));
    // A dead drop that hands Alice her own message back: she opens it as if from Bob.
    assertRejected(() -> MessageSealer.open(sealed, aliceRound.keysFor(bobDh.publicKey()),
        bobSig.publicKey()), Reason.BAD_MAC);
  }

  @Test
  void aSignatureFromTheWrongSenderIsABadSignature() {
    // Mallory holds the conversation keys but not Alice's signing key.
    Ecdsa.KeyPair mallory = Ecdsa.generate(random);
    byte[] sealed = MessageSealer.seal(ConversationMessage.of(1, 0, 0, new byte[] {1}),
        mallory.privateKey(), aliceRound.keysFor(aliceDh.publicKey()), random);
    assertRejected(() -> MessageSealer.open(sealed, bobRound.keysFor(aliceDh.publicKey()),
        aliceSig.publicKey()), Reason.BAD_SIGNATURE);
  }

  @Test
  void wrongLengthsAreRejected() {
    byte[] sealed = aliceSeals(ConversationMessage.of(1, 0, 0, new byte[] {1}));
    MessageKeys keys = bobRound.keysFor(aliceDh.publicKey());
    for (int len : new int[] {0, 16, 367, 369, 384}) {
      assertRejected(() -> MessageSealer.open(Arrays.copyOf(sealed, len), keys,
          aliceSig.publicKey()), Reason.WRONG_LENGTH);
    }
  }

  /** Seals a hand-made plaintext (header and padded body) with a valid signature and MAC. */
  private byte[] sealRaw(byte[] headerAndBody, MessageKeys keys) {
    byte[] plain = new byte[WireSizes.MESSAGE_PLAINTEXT];
    System.arraycopy(headerAndBody, 0, plain, 0, 256);
    byte[] context = keys.signatureContext();
    byte[] signed = Arrays.copyOf(context, context.length + 256);
    System.arraycopy(headerAndBody, 0, signed, context.length, 256);
    Ecdsa.sign(aliceSig.privateKey(), signed, 0, signed.length, plain, 256);
    byte[] sealed = new byte[WireSizes.SEALED_MESSAGE];
    random.nextBytes(sealed); // random IV in the first 16 bytes
    AesCbc.encrypt(keys.encryptionKey(), sealed, 0, plain, 0, 320, sealed, 16);
    HmacSha256.mac(keys.macKey(), sealed, 0, 336, sealed, 336);
    return sealed;
  }

  @Test
  void aHandMadePlaintextFollowingTheLayoutOpens() throws Exception {
    MessageKeys keys = aliceRound.keysFor(aliceDh.publicKey());
    byte[] hb = new byte[256];
    ByteBuffer.wrap(hb).putInt(0x01020304).putInt(0x05060708).putShort((short) 0x090a)
        .putShort((short) 3).putInt(0).put(new byte[] {'a', 'b', 'c'});
    ConversationMessage m = MessageSealer.open(sealRaw(hb, keys), keys, aliceSig.publicKey());
    assertThat(m.header()).isEqualTo(new MessageHeader(0x01020304L, 0x05060708L, 0x090a, 3));
    assertThat(m.body()).containsExactly('a', 'b', 'c');
  }

  @Test
  void signedButMalformedPlaintextsAreRejected() {
    MessageKeys keys = aliceRound.keysFor(aliceDh.publicKey());
    byte[] reserved = new byte[256];
    ByteBuffer.wrap(reserved).putInt(1).putInt(0).putShort((short) 0).putShort((short) 0)
        .putInt(1);
    byte[] tooLong = new byte[256];
    ByteBuffer.wrap(tooLong).putInt(1).putInt(0).putShort((short) 0).putShort((short) 241);
    byte[] dirtyPadding = new byte[256];
    ByteBuffer.wrap(dirtyPadding).putInt(1).putInt(0).putShort((short) 0).putShort((short) 2);
    dirtyPadding[16] = 'h';
    dirtyPadding[17] = 'i';
    dirtyPadding[255] = 1;
    for (byte[] hb : new byte[][] {reserved, tooLong, dirtyPadding}) {
      byte[] sealed = sealRaw(hb, keys);
      assertRejected(() -> MessageSealer.open(sealed, keys, aliceSig.publicKey()),
          Reason.MALFORMED);
    }
  }

  @Test
  void headerFieldsAreRangeChecked() {
    assertThatThrownBy(() -> new MessageHeader(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageHeader(0x1_0000_0000L, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageHeader(0, 0, 0x10000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageHeader(0, 0, 0, 241))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationMessage.of(0, 0, 0, new byte[241]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
