package org.sotto.coordinator;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.AbortCause;
import org.sotto.proto.CloseDialingRoundRequest;
import org.sotto.proto.CloseDialingRoundResponse;
import org.sotto.proto.DialingBucketsReady;
import org.sotto.proto.DialingRoundAborted;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.MixDialingGrpc;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.OpenDialingRoundRequest;
import org.sotto.proto.RoundEvent;

/**
 * Dialing rounds (MixDialing; Vuvuzela §5, Alpenhorn, Lazar &amp; Zeldovich, OSDI 2016), alongside
 * and independent of conversation rounds: every session submits one dialing onion; the bucket
 * count is chosen from the number of connected clients when the round opens; the chain returns
 * the round's buckets, which are kept for FetchBucket, every client is told they are ready, and
 * every mix erases the round's key.
 */
final class DialingRounds implements RoundType<Integer, Buckets> {
  private final ClusterDescriptor descriptor;
  private final Chain chain;
  private final SessionRegistry sessions;
  private final BucketStore store;
  private final DialingRoundListener listener;
  private final long hopTimeoutMs;
  private final long maxInvitations;

  DialingRounds(ClusterDescriptor descriptor, Chain chain, SessionRegistry sessions,
      BucketStore store, DialingRoundListener listener, long hopTimeoutMs, long maxInvitations) {
    this.descriptor = descriptor;
    this.chain = chain;
    this.sessions = sessions;
    this.store = store;
    this.listener = listener;
    this.hopTimeoutMs = hopTimeoutMs;
    this.maxInvitations = maxInvitations;
  }

  @Override
  public String name() {
    return "dialing round";
  }

  @Override
  public RoundKind kind() {
    return RoundKind.DIALING;
  }

  @Override
  public long intervalMs() {
    return descriptor.dialing().roundIntervalMs();
  }

  @Override
  public int onionsPerSession() {
    return 1;
  }

  @Override
  public int onionSize() {
    return WireSizes.dialingOnionSize(descriptor.chainLength());
  }

  @Override
  public Integer parameters(int sessions) {
    return descriptor.dialing().bucketCount(sessions);
  }

  @Override
  public List<MixRoundKey> open(long round, Integer buckets) {
    return chain.open("dialing round " + round,
        RoundDriver.openFloorMs(hopTimeoutMs, intervalMs()), hopTimeoutMs,
        (mix, downstream, timeoutMs) -> MixDialingGrpc.newBlockingStub(mix)
            .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
            .openDialingRound(OpenDialingRoundRequest.newBuilder().setDialingRound(round)
                .setBucketCount(buckets).addAllDownstreamKeys(downstream).build()));
  }

  @Override
  public int openDepth() {
    return chain.openDepth(intervalMs());
  }

  @Override
  public boolean openStalled() {
    return chain.latency().backedOff();
  }

  @Override
  public RoundEvent settings(long round, Integer buckets, List<MixRoundKey> keys,
      long deadlineMs, long nowMs) {
    return RoundEvent.newBuilder().setDialing(DialingRoundSettings.newBuilder()
        .setDialingRound(round).setBucketCount(buckets).addAllMixKeys(keys)
        .setSubmitDeadlineUnixMs(deadlineMs).setServerTimeUnixMs(nowMs)
        .setOnionSize(onionSize()).setInvitationSize(WireSizes.INVITATION)).build();
  }

  @Override
  public CompletableFuture<Buckets> mix(long round, Integer buckets, byte[][] onions) {
    return chain.mix("dialing round " + round, mix -> BucketStreams.call(
        MixDialingGrpc.newStub(mix).withDeadlineAfter(hopTimeoutMs, TimeUnit.MILLISECONDS)
            ::mixDialingBatch,
        new Batch(round, onionSize(), onions), WireSizes.INVITATION, buckets, maxInvitations));
  }

  @Override
  public void closeRound(long round, String reason) {
    CloseDialingRoundRequest request = CloseDialingRoundRequest.newBuilder()
        .setDialingRound(round).setReason(reason).build();
    chain.close(mix -> MixDialingGrpc.newStub(mix)
        .withDeadlineAfter(hopTimeoutMs, TimeUnit.MILLISECONDS)
        .closeDialingRound(request, new ConversationRounds.Ignored<CloseDialingRoundResponse>()));
  }

  @Override
  public RoundEvent aborted(long round, AbortCause cause, String reason) {
    return RoundEvent.newBuilder().setDialingAborted(DialingRoundAborted.newBuilder()
        .setDialingRound(round).setCause(cause).setReason(reason)).build();
  }

  @Override
  public void delivered(Finished<Integer> round, Buckets result) {
    store.put(result);
    closeRound(round.round(), "");
    sessions.broadcast(RoundEvent.newBuilder().setDialingReady(DialingBucketsReady.newBuilder()
        .setDialingRound(round.round()).setBucketCount(round.parameters())
        .setAvailableUntilUnixMs(round.windowClosedAtMs()
            + store.retainedRounds() * intervalMs())).build());
    List<Integer> bucketSizes = Arrays.stream(result.buckets()).map(b -> b.length).toList();
    RoundCollection.Closed closed = round.collected();
    listener.dialingRoundFinished(new DialingOutcome(round.round(), round.parameters(),
        closed.sessions().size(), closed.onions().length, sizes(closed), true,
        AbortCause.ABORT_CAUSE_UNSPECIFIED, "", bucketSizes, round.mixMs()));
  }

  @Override
  public void failed(Finished<Integer> round, AbortCause cause, String reason) {
    RoundCollection.Closed closed = round.collected();
    listener.dialingRoundFinished(new DialingOutcome(round.round(), round.parameters(),
        closed.sessions().size(), closed.onions().length, sizes(closed), false, cause, reason,
        List.of(), round.mixMs()));
  }

  private static List<Integer> sizes(RoundCollection.Closed closed) {
    return Arrays.stream(closed.onions()).map(o -> o.length).distinct().sorted().toList();
  }
}
