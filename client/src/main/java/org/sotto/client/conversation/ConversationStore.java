package org.sotto.client.conversation;

/**
 * Where a {@link Conversation} keeps what must survive a restart. Each call happens before the
 * conversation acts on it (before {@code send} returns, before the acknowledgement of a received
 * message can go out, before anything is sealed with a new chain key), so a crash at any point
 * loses nothing: at worst a message already acknowledged is sent again, and the peer drops it as
 * a duplicate. The one record made after the fact is {@link #sent}, which only says a message
 * went out; losing it to a crash leaves the message queued, to be sent again.
 */
public interface ConversationStore {

  /** A message was queued as {@code sequence}. */
  void queued(long sequence, byte[] body);

  /** A queued message went on the wire (the coordinator accepted it), at least once. */
  void sent(long sequence);

  /** The ratchet now holds {@code chainKey} for {@code round}; earlier keys are gone. */
  void ratchetAt(long round, byte[] chainKey);

  /** {@code sequence} arrived, in order: keep it and count it received, in one step. */
  void received(long sequence, byte[] body);

  /** The peer acknowledged every message up to {@code sequence}. */
  void acknowledged(long sequence);

  /** For conversations that live in memory only (bots, load tests). */
  ConversationStore NONE = new ConversationStore() {
    @Override
    public void queued(long sequence, byte[] body) {}

    @Override
    public void sent(long sequence) {}

    @Override
    public void ratchetAt(long round, byte[] chainKey) {}

    @Override
    public void received(long sequence, byte[] body) {}

    @Override
    public void acknowledged(long sequence) {}
  };
}
