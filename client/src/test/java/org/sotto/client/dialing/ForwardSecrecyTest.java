package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.identity.Identity;
import org.sotto.client.store.ClientDatabase;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.CallSecret;
import org.sotto.core.dialing.InvitationBody;
import org.sotto.core.dialing.InvitationBox;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.wire.RejectedInputException;

/**
 * What a thief who steals bob's identity keys (his X25519 and signing private keys, e.g. with his
 * device) after a key epoch has passed can do with what a dead drop recorded then: alice's
 * invitation, sealed to bob's dialing key of that epoch, and a message of the conversation it
 * started (docs/protocol.md §14.8). Before the erasure bob opens both, so the test would notice if
 * the erasure or the keys did nothing; after it, the identity keys open neither, and the dialing
 * key is gone from bob's data folder, bytes included.
 */
class ForwardSecrecyTest {
  private static final X25519 X = X25519Engines.best();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long EPOCH = 20_400;
  private static final long DIALING_ROUND = 123_456;
  private static final long START = 1_000;
  private static final long ROUND = 1_003;

  @Test
  void afterTheEpochStolenIdentityKeysOpenNeitherOldInvitationsNorOldMessages(@TempDir Path dir)
      throws Exception {
    Identity alice = Identity.generate("alice", X, RANDOM);
    Identity bob = Identity.generate("bob", X, RANDOM);
    ClientDatabase bobsFolder = ClientDatabase.open(dir);
    X25519KeyPair dialing = X25519KeyPair.generate(X, RANDOM);
    bobsFolder.dialingKeys().addIfAbsent(EPOCH, dialing);

    // alice calls bob and writes to him; the dead drops record both
    byte[] ephemeral = new byte[32];
    RANDOM.nextBytes(ephemeral);
    byte[] recordedInvitation = InvitationBox.seal(new InvitationBody("alice",
        alice.signing().publicKey(), alice.dh().publicKey(), START), alice.signing().privateKey(),
        dialing.publicKey(), DIALING_ROUND, X, ephemeral);
    byte[] aliceSecret = CallSecret.forCaller(X, ephemeral, dialing.publicKey());
    RoundKeys aliceKeys = ConversationRatchet.start(X, alice.dh().privateKey(),
        alice.dh().publicKey(), bob.dh().publicKey(), aliceSecret, START).advanceTo(ROUND);
    byte[] recordedMessage = MessageSealer.seal(ConversationMessage.of(1, 0, 0,
        "meet at noon".getBytes(StandardCharsets.UTF_8)), alice.signing().privateKey(),
        aliceKeys.keysFor(alice.dh().publicKey()), RANDOM);

    // within the epoch bob opens both with his dialing key
    X25519KeyPair held = bobsFolder.dialingKeys().find(EPOCH).orElseThrow();
    assertThat(InvitationBox.open(recordedInvitation, held, DIALING_ROUND, X).callerUsername())
        .isEqualTo("alice");
    byte[] bobSecret = CallSecret.forCallee(X, held,
        java.util.Arrays.copyOf(recordedInvitation, 32));
    RoundKeys bobKeys = ConversationRatchet.start(X, bob.dh().privateKey(), bob.dh().publicKey(),
        alice.dh().publicKey(), bobSecret, START).advanceTo(ROUND);
    assertThat(new String(MessageSealer.open(recordedMessage, bobKeys.keysFor(
        alice.dh().publicKey()), alice.signing().publicKey()).body(), StandardCharsets.UTF_8))
        .startsWith("meet at noon");

    // an epoch later the key is erased, as DialingKeyRing.refresh does
    bobsFolder.dialingKeys().eraseBefore(EPOCH + 1);
    assertThat(bobsFolder.dialingKeys().find(EPOCH)).isEmpty();
    bobsFolder.close();
    String hexPrivate = HexFormat.of().formatHex(dialing.privateKey());
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(f))).as(f.getFileName()
            + " still holds the erased dialing key").doesNotContain(hexPrivate);
      }
    }

    // the thief has bob's identity keys: the invitation does not open with them
    assertThatThrownBy(() -> InvitationBox.open(recordedInvitation, bob.dh(), DIALING_ROUND, X))
        .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.reason())
            .isEqualTo(RejectedInputException.Reason.BAD_MAC));
    // and the root they can compute without the call secret opens no message: not with the
    // identity secret alone, not with a secret derived from the identity key and the invitation
    byte[] fromIdentityKey = CallSecret.forCallee(X, bob.dh(),
        java.util.Arrays.copyOf(recordedInvitation, 32));
    for (byte[] guess : new byte[][] {new byte[32], fromIdentityKey}) {
      RoundKeys thief = ConversationRatchet.start(X, bob.dh().privateKey(),
          bob.dh().publicKey(), alice.dh().publicKey(), guess, START).advanceTo(ROUND);
      assertThat(thief.deadDropId()).isNotEqualTo(aliceKeys.deadDropId());
      assertThatThrownBy(() -> MessageSealer.open(recordedMessage,
          thief.keysFor(alice.dh().publicKey()), alice.signing().publicKey()))
          .isInstanceOf(RejectedInputException.class);
    }
  }
}
