package org.sotto.coordinator;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.AbortCause;
import org.sotto.proto.CloseRoundRequest;
import org.sotto.proto.CloseRoundResponse;
import org.sotto.proto.MixNodeGrpc;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.OpenRoundRequest;
import org.sotto.proto.RoundAborted;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.RoundReplies;
import org.sotto.proto.RoundSettings;

/**
 * Conversation rounds (MixNode): every session submits {@code slotsPerRound} onions, the chain
 * returns one reply per onion, and each session gets its slots' replies on its stream.
 */
final class ConversationRounds implements RoundType<Void, byte[][]> {
  private final ClusterDescriptor descriptor;
  private final Chain chain;
  private final SessionRegistry sessions;
  private final RoundListener listener;
  private final long hopTimeoutMs;

  ConversationRounds(ClusterDescriptor descriptor, Chain chain, SessionRegistry sessions,
      RoundListener listener, long hopTimeoutMs) {
    this.descriptor = descriptor;
    this.chain = chain;
    this.sessions = sessions;
    this.listener = listener;
    this.hopTimeoutMs = hopTimeoutMs;
  }

  @Override
  public String name() {
    return "round";
  }

  @Override
  public RoundKind kind() {
    return RoundKind.CONVERSATION;
  }

  @Override
  public long intervalMs() {
    return descriptor.roundIntervalMs();
  }

  @Override
  public int onionsPerSession() {
    return descriptor.slotsPerRound();
  }

  @Override
  public int onionSize() {
    return WireSizes.onionSize(descriptor.chainLength());
  }

  @Override
  public Void parameters(int sessions) {
    return null;
  }

  @Override
  public List<MixRoundKey> open(long round, Void parameters) {
    return chain.open("round " + round, RoundDriver.openFloorMs(hopTimeoutMs, intervalMs()),
        hopTimeoutMs, (mix, downstream, timeoutMs) -> MixNodeGrpc.newBlockingStub(mix)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .openRound(OpenRoundRequest.newBuilder().setRound(round).addAllDownstreamKeys(downstream)
            .build()));
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
  public RoundEvent settings(long round, Void parameters, List<MixRoundKey> keys,
      long deadlineMs, long nowMs) {
    return RoundEvent.newBuilder().setSettings(RoundSettings.newBuilder().setRound(round)
        .addAllMixKeys(keys).setSubmitDeadlineUnixMs(deadlineMs).setServerTimeUnixMs(nowMs))
        .build();
  }

  @Override
  public CompletableFuture<byte[][]> mix(long round, Void parameters, byte[][] onions) {
    int n = descriptor.chainLength();
    return chain.mix("round " + round, mix -> BatchStreams.call(MixNodeGrpc.newStub(mix)
            .withDeadlineAfter(hopTimeoutMs, TimeUnit.MILLISECONDS)::mixBatch,
        new Batch(round, WireSizes.onionSize(n), onions), WireSizes.replySize(n))
        .thenApply(Batch::items));
  }

  @Override
  public void closeRound(long round, String reason) {
    CloseRoundRequest request = CloseRoundRequest.newBuilder().setRound(round).setReason(reason)
        .build();
    chain.close(mix -> MixNodeGrpc.newStub(mix)
        .withDeadlineAfter(hopTimeoutMs, TimeUnit.MILLISECONDS)
        .closeRound(request, new Ignored<CloseRoundResponse>()));
  }

  @Override
  public RoundEvent aborted(long round, AbortCause cause, String reason) {
    return RoundEvent.newBuilder().setAborted(RoundAborted.newBuilder().setRound(round)
        .setCause(cause).setReason(reason)).build();
  }

  @Override
  public void delivered(Finished<Void> round, byte[][] replies) {
    RoundCollection.Closed closed = round.collected();
    int slot = 0;
    for (SessionId id : closed.sessions()) {
      RoundReplies.Builder r = RoundReplies.newBuilder().setRound(closed.round());
      for (int i = 0; i < closed.slots(); i++) {
        r.addReplies(UnsafeByteOperations.unsafeWrap(replies[slot++]));
      }
      SubscriberSession session = sessions.get(id);
      if (session != null) {
        session.push(RoundEvent.newBuilder().setReplies(r).build());
      }
    }
    listener.roundFinished(new RoundOutcome(round.round(), closed.sessions().size(),
        closed.onions().length, true, AbortCause.ABORT_CAUSE_UNSPECIFIED, "", round.openMs(),
        round.mixMs(), round.windowClosedAtMs()));
  }

  @Override
  public void failed(Finished<Void> round, AbortCause cause, String reason) {
    RoundCollection.Closed collected = round.collected();
    listener.roundFinished(new RoundOutcome(round.round(), collected.sessions().size(),
        collected.onions().length, false, cause, reason, round.openMs(), round.mixMs(),
        round.windowClosedAtMs()));
  }

  /** The answer to a best-effort call nobody waits for. */
  static final class Ignored<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
