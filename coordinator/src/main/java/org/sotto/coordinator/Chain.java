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
import java.util.function.BiFunction;
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

  Chain(ClusterDescriptor descriptor, SslContext tls) {
    this(descriptor, descriptor.mixes().stream().map(m -> Channels.open(m.address(), tls))
        .toList());
    mixes.forEach(channel -> channel.getState(true)); // connect now, not in the first round
  }

  /** A chain over channels made elsewhere (in-process ones in tests), one per mix in order. */
  Chain(ClusterDescriptor descriptor, List<ManagedChannel> mixes) {
    this.descriptor = descriptor;
    this.mixes = List.copyOf(mixes);
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
   * @param what the round in words, for the failure message ("dialing round 7")
   * @param openHop the round type's OpenRound call: (mix channel, downstream keys) → announcement
   * @throws HopFailure naming the mix that failed
   */
  List<MixRoundKey> open(String what,
      BiFunction<ManagedChannel, List<MixRoundKey>, RoundKeyAnnouncement> openHop) {
    List<MixRoundKey> downstream = new ArrayList<>();
    for (int i = mixes.size() - 1; i >= 0; i--) {
      RoundKeyAnnouncement a;
      try {
        a = openHop.apply(mixes.get(i), List.copyOf(downstream));
      } catch (StatusRuntimeException e) {
        throw failure(i, "opening " + what, e);
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

  /** The failure of the mix at {@code position}, with the abort cause its status maps to. */
  HopFailure failure(int position, String doing, Throwable error) {
    Status status = Status.fromThrowable(error);
    String mix = descriptor.mixes().get(position).name();
    AbortCause cause = switch (status.getCode()) {
      case UNAVAILABLE -> AbortCause.ABORT_CAUSE_MIX_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> AbortCause.ABORT_CAUSE_MIX_TIMEOUT;
      default -> AbortCause.ABORT_CAUSE_MIX_ERROR;
    };
    String detail = status.getDescription() == null ? status.getCode().toString()
        : status.getCode() + ": " + status.getDescription();
    return new HopFailure(cause, mix + " failed while " + doing + " (" + detail + ")", error);
  }

  @Override
  public void close() {
    mixes.forEach(Channels::close);
  }
}
