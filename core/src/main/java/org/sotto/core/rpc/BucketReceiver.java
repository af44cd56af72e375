package org.sotto.core.rpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.sotto.proto.BucketChunk;
import org.sotto.proto.BucketHeader;

/**
 * Reassembles a stream of buckets (dialing.proto, BucketChunk) and checks its framing against what
 * the receiver expects: every bucket starts with a header naming the expected round, bucket index
 * (in order), bucket count and item size; chunks hold whole items; counts add up; nothing follows
 * the last expected bucket. Anything else fails the future with INVALID_ARGUMENT.
 */
final class BucketReceiver implements StreamObserver<BucketChunk> {
  private final long round;
  private final int itemSize;
  private final int bucketCount;
  private final int first;
  private final byte[][][] buckets;
  private final long maxItems;
  private final CompletableFuture<Buckets> result = new CompletableFuture<>();
  private int current = -1;
  private int received;
  private long total;

  /**
   * Expects buckets {@code first .. first + count - 1} of a round with {@code bucketCount}
   * buckets, at most {@code maxItems} invitations in all.
   */
  BucketReceiver(long round, int itemSize, int bucketCount, int first, int count, long maxItems) {
    this.round = round;
    this.itemSize = itemSize;
    this.bucketCount = bucketCount;
    this.first = first;
    this.buckets = new byte[count][][];
    this.maxItems = maxItems;
  }

  CompletableFuture<Buckets> result() {
    return result;
  }

  @Override
  public synchronized void onNext(BucketChunk chunk) {
    if (result.isDone()) {
      return;
    }
    boolean needHeader = current < 0 || received == buckets[current].length;
    if (needHeader) {
      if (!chunk.hasHeader()) {
        fail(current < 0 ? "the first chunk must carry a bucket header"
            : "bucket " + (first + current) + " is complete; the next chunk must carry a header");
        return;
      }
      if (current + 1 == buckets.length) {
        fail("more than the " + buckets.length + " expected buckets");
        return;
      }
      String problem = check(chunk.getHeader(), first + current + 1);
      if (problem != null) {
        fail(problem);
        return;
      }
      current++;
      received = 0;
      buckets[current] = new byte[chunk.getHeader().getCount()][];
      total += chunk.getHeader().getCount();
    } else if (chunk.hasHeader()) {
      fail("bucket " + (first + current) + " still expects " + (buckets[current].length
          - received) + " items, yet a new header came");
      return;
    }
    ByteString data = chunk.getItems();
    if (data.size() % itemSize != 0) {
      fail("a chunk must hold whole items of " + itemSize + " bytes");
      return;
    }
    int n = data.size() / itemSize;
    if (received + n > buckets[current].length) {
      fail("bucket " + (first + current) + " holds more items than its header's count of "
          + buckets[current].length);
      return;
    }
    for (int i = 0; i < n; i++) {
      byte[] item = new byte[itemSize];
      data.copyTo(item, i * itemSize, 0, itemSize);
      buckets[current][received++] = item;
    }
  }

  private String check(BucketHeader header, int expectedBucket) {
    if (header.getDialingRound() != round) {
      return "buckets of dialing round " + header.getDialingRound() + ", expected " + round;
    }
    if (header.getBucket() != expectedBucket) {
      return "bucket " + header.getBucket() + " came where bucket " + expectedBucket
          + " was expected";
    }
    if (header.getBucketCount() != bucketCount) {
      return "the round has " + bucketCount + " buckets, the header says "
          + header.getBucketCount();
    }
    if (header.getItemSize() != itemSize) {
      return "invitations are " + itemSize + " bytes, the header says " + header.getItemSize();
    }
    if (total + Integer.toUnsignedLong(header.getCount()) > maxItems) {
      return "more than " + maxItems + " invitations in all";
    }
    return null;
  }

  @Override
  public synchronized void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public synchronized void onCompleted() {
    if (current + 1 < buckets.length || current >= 0 && received < buckets[current].length) {
      fail("the stream ended after " + (current + 1) + " of " + buckets.length
          + " buckets or inside one");
    } else {
      result.complete(new Buckets(round, itemSize, bucketCount, first, buckets));
    }
  }

  private void fail(String why) {
    result.completeExceptionally(Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException());
  }
}
