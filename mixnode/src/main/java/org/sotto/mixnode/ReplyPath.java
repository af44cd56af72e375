package org.sotto.mixnode;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.round.Shuffle;

/**
 * The way back through one mix for a two-way round (Vuvuzela §4, Algorithm 2, reverse;
 * docs/protocol.md §7 and §11): un-shuffle the replies, discard those to this mix's noise, and
 * seal each real reply under the reply key of its request's layer, in the order the requests
 * arrived. An onion this mix dropped gets random bytes of the right size, which its client
 * rejects and retransmits, so a drop is invisible upstream. {@link #destroy()} erases every
 * reply key.
 */
final class ReplyPath {
  private final Shuffle shuffle;
  /** For each kept onion, in the order they went into the shuffle, its place in the batch. */
  private final int[] keptSource;
  private final ReplyKey[] replyKeys;
  private final int downstreamReplySize;
  private final int upstreamReplySize;
  private final ForkJoinPool pool;
  private final BatchCounters counters;

  ReplyPath(Shuffle shuffle, int[] keptSource, ReplyKey[] replyKeys, int downstreamReplySize,
      int upstreamReplySize, ForkJoinPool pool, BatchCounters counters) {
    this.shuffle = shuffle;
    this.keptSource = keptSource;
    this.replyKeys = replyKeys;
    this.downstreamReplySize = downstreamReplySize;
    this.upstreamReplySize = upstreamReplySize;
    this.pool = pool;
    this.counters = counters;
  }

  /** Replies from downstream, in the order this mix sent; returns replies in arrival order. */
  synchronized byte[][] reverse(byte[][] downstreamReplies) {
    if (downstreamReplies.length != shuffle.size()) {
      throw new IllegalStateException("expected " + shuffle.size() + " replies, got "
          + downstreamReplies.length);
    }
    long start = System.nanoTime();
    byte[][] unshuffled = new byte[downstreamReplies.length][];
    shuffle.invert(downstreamReplies, unshuffled);
    byte[][] replies = new byte[replyKeys.length][];
    pool.submit(() -> IntStream.range(0, keptSource.length).parallel().forEach(k -> {
      byte[] r = unshuffled[k];
      int source = keptSource[k];
      replies[source] = r.length == downstreamReplySize ? replyKeys[source].seal(r)
          : randomReply();
    })).join();
    for (int i = 0; i < replies.length; i++) {
      if (replies[i] == null) {
        replies[i] = randomReply();
      }
    }
    counters.timed(BatchCounters.Phase.REVERSE, System.nanoTime() - start);
    return replies;
  }

  synchronized void destroy() {
    for (ReplyKey key : replyKeys) {
      if (key != null) {
        key.destroy();
      }
    }
  }

  private byte[] randomReply() {
    byte[] r = new byte[upstreamReplySize];
    Randoms.perThread().nextBytes(r);
    return r;
  }
}
