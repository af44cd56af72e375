package org.sotto.coordinator;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.rpc.Channels;
import org.sotto.proto.AbortCause;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * The coordinator's connections to the mix chain, over mutual TLS, and the three things it does
 * with them for any kind of round: open a round hop by hop, send a batch into the first mix, and
 * have every mix erase a round's key. The RPC each step makes is the round type's; failures map
 * to abort causes the same way for every type. gRPC channels reconnect on their own, so a mix
 * that comes back is used again from the next round on.
 */
final class Chain implements AutoCloseable {
  private final ClusterDescriptor descriptor;
  private final List<ManagedChannel> mixes;
  private final HopLatency latency;
  /** The operator's fixed deadline of one mix's OpenRound, or null to size it from latency. */
  private final Long openTimeoutMs;

  /** @param openTimeoutMs a fixed deadline for one mix's OpenRound; null: sized from latency */
  Chain(ClusterDescriptor descriptor, SslContext tls, Long openTimeoutMs) {
    this(descriptor, descriptor.mixes().stream().map(m -> Channels.open(m.address(), tls))
        .toList(), new HopLatency(descriptor.mixes().size(), System::nanoTime), openTimeoutMs);
    mixes.forEach(channel -> channel.getState(true)); // connect now, not in the first round
  }

  /** A chain over channels made elsewhere (in-process ones in tests), one per mix in order. */
  Chain(ClusterDescriptor descriptor, List<ManagedChannel> mixes) {
    this(descriptor, mixes, new HopLatency(mixes.size(), System::nanoTime), null);
  }

  Chain(ClusterDescriptor descriptor, List<ManagedChannel> mixes, HopLatency latency,
      Long openTimeoutMs) {
    this.descriptor = descriptor;
    this.mixes = List.copyOf(mixes);
    this.latency = latency;
    this.openTimeoutMs = openTimeoutMs;
  }

  /** One mix's OpenRound call of a round type. */
  @FunctionalInterface
  interface OpenHop {
    /** Opens the round on {@code mix}, which must answer within {@code deadlineMs}. */
    RoundKeyAnnouncement open(ManagedChannel mix, List<MixRoundKey> downstream, long deadlineMs);
  }

  /** The measured latency of each mix's OpenRound. */
  HopLatency latency() {
    return latency;
  }

  /**
   * How many rounds of a kind with this interval should be opening at once, from the measured
   * time to open the chain (see {@link HopLatency#depth}).
   */
  int openDepth(long intervalMs) {
    return latency.depth(intervalMs);
  }

  /** A failure of one hop, with the cause clients are told. */
  static final class HopFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AbortCause cause;

    HopFailure(AbortCause cause, String message, Throwable error) {
      super(message, error);
      this.cause = cause;
    }
  }

  /**
   * Opens a round on every mix, last first, handing each the signed keys of the mixes after it
   * (which it needs to wrap its noise). Returns the keys in chain order.
   *
   * <p>Each mix must answer within its own deadline: the operator's {@code open-timeout-ms} if
   * set, else sized from that mix's measured OpenRound latency ({@link HopLatency#timeoutMs}),
   * never under {@code floorMs} nor over {@code ceilingMs}. Every answer is measured; a call
   * that runs out of time backs that mix's timer off.
   *
   * @param what the round in words, for the failure message ("dialing round 7")
   * @param openHop the round type's OpenRound call
   * @throws HopFailure naming the mix that failed
   */
  List<MixRoundKey> open(String what, long floorMs, long ceilingMs, OpenHop openHop) {
    List<MixRoundKey> downstream = new ArrayList<>();
    for (int i = mixes.size() - 1; i >= 0; i--) {
      RoundKeyAnnouncement a;
      long deadlineMs = openTimeoutMs != null ? openTimeoutMs
          : latency.timeoutMs(i, floorMs, ceilingMs);
      long start = latency.start();
      try {
        a = openHop.open(mixes.get(i), List.copyOf(downstream), deadlineMs);
        latency.answered(i, start);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
          latency.timedOut(i);
        } else {
          latency.refused(i);
        }
        throw failure(i, "opening " + what + " (deadline " + deadlineMs + " ms)", e);
      }
      downstream.add(0, MixRoundKey.newBuilder().setPosition(a.getPosition())
          .setRoundPublicKey(a.getRoundPublicKey()).setSignature(a.getSignature()).build());
    }
    return Collections.unmodifiableList(downstream);
  }

  /**
   * Sends a batch into the first mix; a failure names that mix.
   *
   * @param send the round type's streaming call on the first mix's channel
   */
  <T> CompletableFuture<T> mix(String what, Function<ManagedChannel, CompletableFuture<T>> send) {
    return send.apply(mixes.get(0)).exceptionally(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null
          ? e.getCause() : e;
      throw failure(0, "mixing " + what, cause);
    });
  }

  /** Tells every mix to erase a round's key with the round type's close call; best effort. */
  void close(Consumer<ManagedChannel> closeHop) {
    mixes.forEach(closeHop);
  }

  /**
   * The failure of the mix at {@code position}, or of the node after it that failed, with the
   * abort cause its status maps to.
   */
  HopFailure failure(int position, String doing, Throwable error) {
    return FaultBlame.failure(descriptor, position, doing, error);
  }

  @Override
  public void close() {
    mixes.forEach(Channels::close);
  }
}
