package org.sotto.mixnode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The last hop of a dialing round, at the last mix: reads each dialing request's bucket and puts
 * its invitation there, discarding cover requests to the no-op bucket and buckets the round does
 * not have (both counted). The batch arrives shuffled, this mix's noise included, so every bucket
 * comes out in a uniformly random order too.
 */
final class BucketSort implements NextHop<DialingMixing.Settings, Buckets> {
  private final DialingCounters counters;

  BucketSort(DialingCounters counters) {
    this.counters = counters;
  }

  @Override
  public CompletableFuture<Buckets> forward(Batch requests, DialingMixing.Settings settings) {
    int bucketCount = settings.buckets();
    List<List<byte[]>> buckets = new ArrayList<>(bucketCount);
    for (int b = 0; b < bucketCount; b++) {
      buckets.add(new ArrayList<>());
    }
    for (byte[] item : requests.items()) {
      DialingRequest request;
      try {
        request = DialingRequest.parse(item);
      } catch (RejectedInputException e) {
        counters.dropped(e.reason());
        continue;
      }
      if (request.isNoOp()) {
        counters.noOp();
      } else if (request.bucket() >= bucketCount) {
        counters.outOfRange();
      } else {
        buckets.get((int) request.bucket()).add(request.invitation());
      }
    }
    byte[][][] out = new byte[bucketCount][][];
    for (int b = 0; b < bucketCount; b++) {
      out[b] = buckets.get(b).toArray(byte[][]::new);
    }
    return CompletableFuture.completedFuture(
        Buckets.all(requests.round(), WireSizes.INVITATION, out));
  }
}
