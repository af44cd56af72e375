package org.sotto.testkit.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.wire.ExchangeRequest;

/**
 * Every check behind "intact, in order, exactly once" fires when its property is broken: two bots
 * exchange through a simulated dead drop (each gets the other's sealed message), and the test
 * corrupts, replays, forges, reorders or holds back answers on the way, then looks at what the
 * conversation counted and at the verdict the demo prints ({@link BotStats#problems}).
 */
class IntegrityChecksFireTest {
  /** The secret of the call that started the conversation (§4); any fixed value will do. */
  private static final byte[] CALL = new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
      17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  private static final X25519 X = X25519Engines.best();
  private static final long START = 5_000;

  private final SecureRandom random = new SecureRandom();
  private final BotStats stats = new BotStats();
  private Identity alice;
  private Identity bob;
  private ChatBot aliceBot;
  private ChatBot bobBot;
  private Conversation a;
  private Conversation b;

  @BeforeEach
  void twoBots() throws Exception {
    alice = Identity.generate("alice", X, random);
    bob = Identity.generate("bob", X, random);
    aliceBot = new ChatBot("alice", "bob", stats);
    bobBot = new ChatBot("bob", "alice", stats);
    a = conversation(alice, bob, aliceBot);
    b = conversation(bob, alice, bobBot);
    bobBot.topUp(); // bob's messages 1 and 2 wait in his outbox
  }

  private static Conversation conversation(Identity me, Identity peer, ChatBot bot)
      throws Exception {
    Conversation c = new Conversation(me, peer.asContact(), ConversationRatchet.start(X,
        me.dh().privateKey(), me.dh().publicKey(), peer.dh().publicKey(), CALL, START), bot);
    bot.attach(c);
    return c;
  }

  /** One round: both submit; returns what the dead drop hands alice (bob's sealed message). */
  private byte[] round(long round) throws Exception {
    byte[] fromA = a.requestFor(round);
    byte[] fromB = b.requestFor(round);
    b.answered(round, ExchangeRequest.parse(fromA).sealedMessage());
    return ExchangeRequest.parse(fromB).sealedMessage();
  }

  /** A message for alice in {@code round}, sealed with the round's real keys and any signing key. */
  private byte[] forged(long round, long sequence, long ack, byte[] signingKey)
      throws Exception {
    RoundKeys keys = ConversationRatchet.start(X, bob.dh().privateKey(), bob.dh().publicKey(),
        alice.dh().publicKey(), CALL, START).advanceTo(round);
    return MessageSealer.seal(ConversationMessage.of(sequence, ack, 0,
        ChatBot.text("bob", "alice", sequence)), signingKey, keys.keysFor(bob.dh().publicKey()),
        random);
  }

  private void drainLossless(long from, int rounds) throws Exception {
    for (long r = from; r < from + rounds; r++) {
      a.answered(r, round(r));
    }
  }

  @Test
  void anHonestLosslessExchangeHasNoProblemsButCountsTheResendsItDropped() throws Exception {
    drainLossless(START, 8);

    assertThat(stats.received.get()).isEqualTo(2);
    assertThat(stats.problems()).isEmpty();
    assertThat(a.anomalies()).as("go-back-N sends message 2 again before its ack arrives")
        .containsKey(ReceiveAnomaly.DUPLICATE);
    assertThat(stats.anomalies(ReceiveAnomaly.DUPLICATE)).isPositive();
  }

  @Test
  void aCorruptedReplyIsCountedAsAMacFailureAndFailsTheVerdict() throws Exception {
    byte[] answer = round(START);
    answer[answer.length / 2] ^= 1;
    a.answered(START, answer);

    assertThat(a.anomalies()).containsExactly(Map.entry(ReceiveAnomaly.MAC_FAILURE, 1L));
    assertThat(stats.received.get()).as("nothing delivered").isZero();
    assertThat(stats.problems()).anyMatch(p -> p.contains("mac_failure"));
  }

  @Test
  void aReplayedReplyIsCountedWhetherForTheSameRoundOrAnother() throws Exception {
    byte[] first = round(START);
    a.answered(START, first);
    a.answered(START, first.clone());
    assertThat(a.anomalies()).containsExactly(Map.entry(ReceiveAnomaly.REPLAYED, 1L));

    round(START + 1);
    a.answered(START + 1, first.clone());
    assertThat(a.anomalies()).as("another round's keys: the HMAC fails")
        .containsEntry(ReceiveAnomaly.MAC_FAILURE, 1L);
    assertThat(stats.received.get()).as("message 1 once, nothing from the replays").isEqualTo(1);
    assertThat(stats.problems()).anyMatch(p -> p.contains("replayed"))
        .anyMatch(p -> p.contains("mac_failure"));
  }

  @Test
  void aReplyWithTheRoundsKeysButAnotherSignerIsASignatureFailure() throws Exception {
    Identity mallory = Identity.generate("mallory", X, random);
    round(START);
    a.answered(START, forged(START, 1, 0, mallory.signing().privateKey()));

    assertThat(a.anomalies()).containsExactly(Map.entry(ReceiveAnomaly.SIGNATURE_FAILURE, 1L));
    assertThat(stats.received.get()).isZero();
    assertThat(stats.problems()).anyMatch(p -> p.contains("signature_failure"));
  }

  @Test
  void aGapIsCountedAndHeldBackUntilThePeerFillsIt() throws Exception {
    round(START);
    a.lost(START); // message 1 never reaches alice
    a.answered(START + 1, round(START + 1)); // message 2 does

    assertThat(a.anomalies()).containsExactly(Map.entry(ReceiveAnomaly.GAP, 1L));
    assertThat(stats.received.get()).as("2 is not delivered ahead of 1").isZero();
    assertThat(stats.problems()).as("the verdict fails while the hole is open")
        .anyMatch(p -> p.contains("in flight"));

    drainLossless(START + 2, 8);
    assertThat(stats.received.get()).isEqualTo(2);
    assertThat(stats.outOfOrder.get()).isZero();
    assertThat(stats.problems()).as("a filled gap is normal go-back-N").isEmpty();
  }

  @Test
  void sequenceNumbersAndAcknowledgementsAnHonestPeerCannotSendAreOutOfWindow()
      throws Exception {
    round(START);
    a.answered(START, forged(START, 5, 0, bob.signing().privateKey()));
    round(START + 1);
    a.answered(START + 1, forged(START + 1, 1, 99, bob.signing().privateKey()));

    assertThat(a.anomalies()).containsExactly(Map.entry(ReceiveAnomaly.OUT_OF_WINDOW, 2L));
    assertThat(stats.received.get()).isZero();
    assertThat(stats.problems()).anyMatch(p -> p.contains("out_of_window"));
  }

  @Test
  void theBotsOwnChecksFireOnADeliveryOutOfOrderTwiceOrWithTheWrongText() {
    aliceBot.received(1, ChatBot.text("bob", "alice", 1));
    aliceBot.received(1, ChatBot.text("bob", "alice", 1));
    aliceBot.received(3, ChatBot.text("bob", "alice", 3));
    aliceBot.received(4, ChatBot.text("bob", "carol", 4));

    assertThat(stats.outOfOrder.get()).isEqualTo(2);
    assertThat(stats.corrupted.get()).isEqualTo(1);
    assertThat(stats.problems()).anyMatch(p -> p.contains("out of order or twice"))
        .anyMatch(p -> p.contains("wrong text"));
  }
}
