package org.sotto.client.round;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's answer to one round's settings, for every kind of round (the kind is a
 * {@link ClientRoundKind}):
 *
 * <ol>
 *   <li>verify each mix's round-key signature against the pinned descriptor and the kind's own
 *       checks; send nothing for a round that fails (a coordinator must not be able to slip in
 *       keys of its own);
 *   <li>ask the kind for its requests, wrap each for the chain with the round's keys;
 *   <li>submit them on the session and tell the kind whether they were accepted.
 * </ol>
 */
public final class RoundSubmitter<S> {
  private static final Logger log = LoggerFactory.getLogger(RoundSubmitter.class);

  private final ClusterDescriptor descriptor;
  private final byte[] clusterId;
  private final ClientRoundKind<S> kind;
  private final OnionWrapper wrapper;
  private final SecureRandom random = new SecureRandom();

  public RoundSubmitter(ClusterDescriptor descriptor, X25519 x25519, ClientRoundKind<S> kind) {
    this.descriptor = descriptor;
    this.clusterId = descriptor.clusterId();
    this.kind = kind;
    this.wrapper = new OnionWrapper(x25519, kind.kind());
  }

  /** Why the round's settings must be refused, or null when they may be answered. */
  public String problem(S settings) {
    String problem = kind.problem(settings);
    return problem != null ? problem : PinnedRoundKeys.problem(descriptor,
        new RoundTerms(kind.kind(), clusterId, kind.round(settings), kind.bucketCount(settings)),
        kind.keys(settings));
  }

  /** Answers the round on {@code session}; returns false if nothing was sent. */
  public boolean submit(ByteString session, S settings) {
    long round = kind.round(settings);
    String problem = problem(settings);
    if (problem != null) {
      log.warn("refusing {} round {}: {}", kind.kind(), round, problem);
      kind.refused(settings, problem);
      return false;
    }
    List<byte[]> keys = kind.keys(settings).stream()
        .map(k -> k.getRoundPublicKey().toByteArray()).toList();
    List<WrappedOnion> onions = new ArrayList<>();
    List<ByteString> wire = new ArrayList<>();
    try {
      for (byte[] request : kind.requests(settings)) {
        WrappedOnion w = wrapper.wrap(round, keys, request, random);
        onions.add(w);
        wire.add(UnsafeByteOperations.unsafeWrap(w.onion()));
      }
    } catch (RejectedInputException e) {
      onions.forEach(WrappedOnion::destroy);
      kind.failed(settings, "round " + round + " could not be wrapped: " + e.getMessage());
      return false;
    }
    kind.sending(settings, onions);
    kind.send(session, settings, wire, new StreamObserver<>() {
      @Override
      public void onNext(Object value) {}

      @Override
      public void onError(Throwable t) {
        onions.forEach(WrappedOnion::destroy);
        kind.failed(settings, "the coordinator refused the submission: "
            + Status.fromThrowable(t).getDescription());
      }

      @Override
      public void onCompleted() {
        kind.accepted(settings);
      }
    });
    return true;
  }
}
