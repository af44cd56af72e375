package org.sotto.client.conversation;

import java.util.SortedMap;

/**
 * A conversation as saved: the ratchet's chain key for {@code round}, the next sequence number
 * to give out, the last one received in order, and the messages not yet acknowledged.
 */
public record ConversationState(long round, byte[] chainKey, long nextSequence,
    long receivedInOrder, SortedMap<Long, byte[]> outbox) {}
