package org.sotto.core.round;

import java.util.Arrays;
import java.util.HexFormat;
import org.sotto.core.cluster.ClusterId;

/**
 * What every mix of a chain vouches for, alike, when it signs its key for one round: which cluster
 * ({@link ClusterId}), which kind of round, which round, and the one setting the coordinator
 * chooses per round, the dialing bucket count (0 for conversation rounds, which have no buckets).
 * Everything else that shapes what a client sends is fixed by the descriptor and enters through
 * the cluster identity. A client builds the terms from its pinned descriptor and what the round's
 * settings say; if the coordinator changed any of it, no mix's signature verifies.
 */
public record RoundTerms(RoundKind kind, byte[] clusterId, long round, int bucketCount) {

  public RoundTerms {
    if (clusterId.length != ClusterId.SIZE) {
      throw new IllegalArgumentException("a cluster id is " + ClusterId.SIZE + " bytes");
    }
    if (kind == RoundKind.CONVERSATION ? bucketCount != 0 : bucketCount < 1) {
      throw new IllegalArgumentException(kind + " round with " + bucketCount + " buckets");
    }
    clusterId = clusterId.clone();
  }

  /** A conversation round of the cluster {@code clusterId}. */
  public static RoundTerms conversation(byte[] clusterId, long round) {
    return new RoundTerms(RoundKind.CONVERSATION, clusterId, round, 0);
  }

  /** A dialing round of the cluster {@code clusterId} with {@code buckets} buckets. */
  public static RoundTerms dialing(byte[] clusterId, long round, int buckets) {
    return new RoundTerms(RoundKind.DIALING, clusterId, round, buckets);
  }

  @Override
  public byte[] clusterId() {
    return clusterId.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoundTerms t && t.kind == kind && t.round == round
        && t.bucketCount == bucketCount && Arrays.equals(t.clusterId, clusterId);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(round) * 31 + Arrays.hashCode(clusterId);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " round "
        + Long.toUnsignedString(round)
        + (kind == RoundKind.DIALING ? " with " + bucketCount + " buckets" : "")
        + " of cluster " + HexFormat.of().formatHex(clusterId, 0, 4);
  }
}
