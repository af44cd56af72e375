package org.sotto.core.rpc;

/**
 * The buckets of one dialing round, or a run of them: {@code buckets[k]} is bucket
 * {@code first + k} of {@code bucketCount}, each a list of fixed-size invitations.
 */
public record Buckets(long round, int itemSize, int bucketCount, int first, byte[][][] buckets) {

  public Buckets {
    if (bucketCount < 1 || first < 0 || first + buckets.length > bucketCount) {
      throw new IllegalArgumentException("buckets " + first + ".." + (first + buckets.length)
          + " do not fit a round of " + bucketCount);
    }
    for (byte[][] bucket : buckets) {
      for (byte[] item : bucket) {
        if (item.length != itemSize) {
          throw new IllegalArgumentException("every item of a bucket must be " + itemSize
              + " bytes");
        }
      }
    }
  }

  /** All {@code buckets.length} buckets of a round, from bucket 0. */
  public static Buckets all(long round, int itemSize, byte[][][] buckets) {
    return new Buckets(round, itemSize, buckets.length, 0, buckets);
  }

  /** The items of bucket {@code b} (an index into the round, not into this run). */
  public byte[][] bucket(int b) {
    return buckets[b - first];
  }

  /** Invitations over all buckets here. */
  public long totalItems() {
    long n = 0;
    for (byte[][] bucket : buckets) {
      n += bucket.length;
    }
    return n;
  }
}
