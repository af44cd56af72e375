package org.sotto.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;

class ConversationRatchetTest {
  /** The secret of the call that started the conversation (§4); any fixed value will do. */
  private static final byte[] CALL = new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  private static final HexFormat HEX = HexFormat.of();
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();
  private X25519KeyPair alice;
  private X25519KeyPair bob;

  @BeforeEach
  void keys() {
    alice = X25519KeyPair.generate(x25519, random);
    bob = X25519KeyPair.generate(x25519, random);
  }

  private ConversationRatchet aliceSide(long start) throws RejectedInputException {
    return ConversationRatchet.start(x25519, alice.privateKey(), alice.publicKey(),
        bob.publicKey(), CALL, start);
  }

  private ConversationRatchet bobSide(long start) throws RejectedInputException {
    return ConversationRatchet.start(x25519, bob.privateKey(), bob.publicKey(),
        alice.publicKey(), CALL, start);
  }

  @Test
  void bothPeersDeriveTheSameIdsAndKeys() throws Exception {
    ConversationRatchet a = aliceSide(1000);
    ConversationRatchet b = bobSide(1000);
    assertThat(a.chainKey()).isEqualTo(b.chainKey());
    for (long r : new long[] {1000, 1001, 1005, 1100}) {
      RoundKeys ka = a.advanceTo(r);
      RoundKeys kb = b.advanceTo(r);
      assertThat(ka.round()).isEqualTo(r);
      assertThat(ka.deadDropId()).hasSize(16).isEqualTo(kb.deadDropId());
      for (byte[] sender : new byte[][] {alice.publicKey(), bob.publicKey()}) {
        assertThat(ka.keysFor(sender).encryptionKey()).isEqualTo(kb.keysFor(sender)
            .encryptionKey());
        assertThat(ka.keysFor(sender).macKey()).isEqualTo(kb.keysFor(sender).macKey());
      }
    }
  }

  @Test
  void differentRoundsAndConversationsGiveDifferentIds() throws Exception {
    ConversationRatchet a = aliceSide(0);
    Set<String> ids = new HashSet<>();
    for (long r = 0; r < 500; r++) {
      assertThat(ids.add(HEX.formatHex(a.advanceTo(r).deadDropId()))).isTrue();
    }
    X25519KeyPair carol = X25519KeyPair.generate(x25519, random);
    RoundKeys withCarol = ConversationRatchet.start(x25519, alice.privateKey(),
        alice.publicKey(), carol.publicKey(), CALL, 0).advanceTo(7);
    assertThat(ids).doesNotContain(HEX.formatHex(withCarol.deadDropId()));
  }

  @Test
  void theStartRoundIsPartOfTheAnchor() throws Exception {
    // Two conversations between the same people, started in different rounds, never collide.
    assertThat(aliceSide(100).advanceTo(200).deadDropId())
        .isNotEqualTo(aliceSide(150).advanceTo(200).deadDropId());
  }

  @Test
  void itFollowsTheDocumentedChain() throws Exception {
    ConversationRatchet a = aliceSide(5);
    byte[] chain = a.chainKey();
    byte[] next = HmacSha256.mac(chain, Labels.RATCHET_STEP);
    RoundKeys k6 = a.advanceTo(6);
    assertThat(a.chainKey()).isEqualTo(next);
    byte[] id = HmacSha256.mac(next, Labels.DEAD_DROP_ID,
        ByteBuffer.allocate(8).putLong(6).array());
    assertThat(k6.deadDropId()).isEqualTo(java.util.Arrays.copyOf(id, 16));
  }

  @Test
  void itCannotGoBackwards() throws Exception {
    ConversationRatchet a = aliceSide(10);
    a.advanceTo(20);
    assertThat(a.round()).isEqualTo(20);
    assertThat(a.advanceTo(20).round()).isEqualTo(20);
    assertThatThrownBy(() -> a.advanceTo(19)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> aliceSide(10).advanceTo(9))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSavedChainKeyResumesWhereItLeftOff() throws Exception {
    ConversationRatchet a = aliceSide(1);
    a.advanceTo(40);
    byte[] saved = a.chainKey();
    ConversationRatchet resumed = new ConversationRatchet(saved, a.round());
    java.util.Arrays.fill(saved, (byte) 0); // the ratchet copied it
    RoundKeys original = a.advanceTo(47);
    RoundKeys again = resumed.advanceTo(47);
    assertThat(again.deadDropId()).isEqualTo(original.deadDropId());
    assertThat(again.keysFor(bob.publicKey()).macKey())
        .isEqualTo(original.keysFor(bob.publicKey()).macKey());
    assertThat(resumed.chainKey()).isEqualTo(a.chainKey());
  }

  @Test
  void chainKeyIsACopy() throws Exception {
    ConversationRatchet a = aliceSide(1);
    byte[] k = a.chainKey();
    k[0] ^= 1;
    assertThat(a.chainKey()).isNotEqualTo(k);
  }

  @Test
  void aLowOrderPeerKeyIsRejected() {
    assertThatThrownBy(() -> ConversationRatchet.start(x25519, alice.privateKey(),
        alice.publicKey(), new byte[32], CALL, 0))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ZERO_SHARED_SECRET));
  }

  /**
   * Re-dialing must not reuse keys: with the start round outside the root, a message sealed in
   * round 1005 of a conversation started at 1000 opened (MAC and signature valid) in round 7005 of
   * one started at 7000, so a dead drop could replay it into the new conversation.
   */
  @Test
  void aMessageRecordedInOneConversationOrRoundOpensInNoOther() throws Exception {
    org.sotto.core.crypto.Ecdsa.KeyPair aliceSigning = org.sotto.core.crypto.Ecdsa.generate(random);
    RoundKeys first = aliceSide(1000).advanceTo(1005);
    byte[] recorded = MessageSealer.seal(ConversationMessage.of(1, 0, 0, new byte[] {42}),
        aliceSigning.privateKey(), first.keysFor(alice.publicKey()), random);
    assertThat(MessageSealer.open(recorded, bobSide(1000).advanceTo(1005)
        .keysFor(alice.publicKey()), aliceSigning.publicKey()).body()).containsExactly(42);

    RoundKeys redialed = bobSide(7000).advanceTo(7005);
    assertThat(redialed.deadDropId()).isNotEqualTo(first.deadDropId());
    assertThatThrownBy(() -> MessageSealer.open(recorded, redialed.keysFor(alice.publicKey()),
        aliceSigning.publicKey())).isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
    RoundKeys laterRound = bobSide(1000).advanceTo(1006);
    assertThatThrownBy(() -> MessageSealer.open(recorded, laterRound.keysFor(alice.publicKey()),
        aliceSigning.publicKey())).isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
  }
}
