package org.sotto.deaddrop;

import static org.sotto.core.wire.WireSizes.DEAD_DROP_ID;
import static org.sotto.core.wire.WireSizes.EXCHANGE_REPLY;
import static org.sotto.core.wire.WireSizes.EXCHANGE_REQUEST;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The exchange at the heart of a dead drop (Vuvuzela §4.1): requests naming the same 16-byte
 * dead-drop ID are paired, and each is answered with the other's sealed message. A request alone
 * at its ID gets an all-zero answer of the same size, so an answer's size never tells anything.
 * A third or later access to one ID is answered with zeros and counted as an overflow; it never
 * fails the round.
 */
public final class DeadDropExchange {
  private DeadDropExchange() {}

  /** What one exchange did, for the shard's counters. */
  public record Stats(long pairs, long singles, long overflows) {}

  /** The answers, one per request and in the same order, and the stats. */
  public record Result(byte[][] replies, Stats stats) {}

  /** @param requests exchange requests, each {@link org.sotto.core.wire.WireSizes#EXCHANGE_REQUEST} bytes */
  public static Result exchange(byte[][] requests) {
    Map<ByteBuffer, Integer> firstAt = new HashMap<>(requests.length * 2);
    int[] partner = new int[requests.length];
    java.util.Arrays.fill(partner, -1);
    long pairs = 0;
    long overflows = 0;
    for (int i = 0; i < requests.length; i++) {
      if (requests[i].length != EXCHANGE_REQUEST) {
        throw new IllegalArgumentException("request " + i + " is " + requests[i].length
            + " bytes, not " + EXCHANGE_REQUEST);
      }
      ByteBuffer id = ByteBuffer.wrap(requests[i], 0, DEAD_DROP_ID).slice();
      Integer first = firstAt.putIfAbsent(id, i);
      if (first == null) {
        continue;
      }
      if (partner[first] == -1) {
        partner[first] = i;
        partner[i] = first;
        pairs++;
      } else {
        overflows++;
      }
    }
    byte[][] replies = new byte[requests.length][];
    for (int i = 0; i < requests.length; i++) {
      byte[] reply = new byte[EXCHANGE_REPLY];
      if (partner[i] >= 0) {
        System.arraycopy(requests[partner[i]], DEAD_DROP_ID, reply, 0, EXCHANGE_REPLY);
      }
      replies[i] = reply;
    }
    long singles = requests.length - 2 * pairs - overflows;
    return new Result(replies, new Stats(pairs, singles, overflows));
  }
}
