package org.sotto.client.round;

import java.security.SecureRandom;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.message.MessageHeader;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.message.RoundKeys;
import org.sotto.core.wire.ExchangeRequest;
import org.sotto.core.wire.WireSizes;

/**
 * A request that looks like every other: sent in every slot no conversation uses, so idle and
 * chatting clients send the same thing.
 *
 * <p>It is made the way a conversation's request is made, from keys nobody holds: one ratchet
 * step from a random chain key gives the round's dead-drop ID and message keys, and an empty
 * message is signed with a throwaway key and sealed under them. Random bytes would look the same
 * on the wire (the sealed message and the ID are indistinguishable from random to anyone without
 * the keys), but cost next to nothing, and a client whose every round took less work when idle
 * than when chatting would give that away to whoever can see its CPU or its battery; the cost of
 * the two now differs only by the disk writes of a real conversation, which happen before the
 * submission time (see {@link SubmissionTiming}).
 */
public final class CoverTraffic {
  /** Signs every cover message in this process; nobody ever sees the signatures. */
  private static final byte[] THROWAWAY_SIGNING_KEY =
      Ecdsa.generate(new SecureRandom()).privateKey();

  private CoverTraffic() {}

  public static byte[] request() {
    SecureRandom random = Randoms.perThread(); // no lock shared by every client of a bot fleet
    byte[] chainKey = new byte[32];
    random.nextBytes(chainKey);
    byte[] sender = new byte[WireSizes.X25519_KEY];
    random.nextBytes(sender);
    RoundKeys keys = new ConversationRatchet(chainKey, 0).advanceTo(1);
    try {
      byte[] sealed = MessageSealer.seal(ConversationMessage.of(0, 0, MessageHeader.FLAG_NO_DATA,
          new byte[0]), THROWAWAY_SIGNING_KEY, keys.keysFor(sender), random);
      return new ExchangeRequest(keys.deadDropId(), sealed).encode();
    } finally {
      keys.destroy();
      java.util.Arrays.fill(chainKey, (byte) 0);
    }
  }
}
