package org.sotto.client.dialing;

import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.core.crypto.X25519;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.wire.RejectedInputException;

/**
 * What a completed call gives each side: the peer, the conversation round the conversation
 * starts from, and the call's secret. Both derive the same ratchet from it (docs/protocol.md §4):
 * the X25519 secret of their identity keys and the call secret, anchored at {@code startRound}.
 *
 * <p>The start round is the caller's latest conversation round when it placed the call, so it is
 * never after a round either side can still be asked to send in; the ratchet steps forward from it
 * to whatever round the conversation first uses.
 */
public record ConversationStart(Contact peer, long startRound, byte[] callSecret) {

  /** The conversation's ratchet, as both sides compute it. */
  public ConversationRatchet ratchet(Identity me, X25519 x25519) throws RejectedInputException {
    return ConversationRatchet.start(x25519, me.dh().privateKey(), me.dh().publicKey(),
        peer.dhPublicKey(), callSecret, startRound);
  }

  /** A new conversation with the peer, ready to add to the client's round traffic. */
  public Conversation open(Identity me, X25519 x25519, ConversationListener listener)
      throws RejectedInputException {
    return new Conversation(me, peer, ratchet(me, x25519), listener);
  }
}
