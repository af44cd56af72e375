package org.sotto.client.round;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.MixRoundKey;

/**
 * What differs between a client's conversation rounds and its dialing rounds when it answers a
 * round's settings; {@link RoundSubmitter} does the rest (verify the mixes' keys against the
 * pinned descriptor, prepare and wrap every request for the chain, submit at the time
 * {@link SubmissionTiming} draws, report the answer) the same way for both.
 *
 * @param <S> the round's settings as the coordinator pushes them
 */
public interface ClientRoundKind<S> {

  /** The kind of round, which fixes the signing and layer labels. */
  RoundKind kind();

  long round(S settings);

  List<MixRoundKey> keys(S settings);

  /**
   * The bucket count the mixes signed for this round ({@link org.sotto.core.round.RoundTerms}); 0
   * for kinds of round without buckets. Checked by the signatures, and it must be within the
   * pinned descriptor's limit ({@link #problem}).
   */
  default int bucketCount(S settings) {
    return 0;
  }

  /**
   * The time the coordinator said is left for the round when it sent the settings, ms (see
   * {@link SubmissionTiming#remainingMs}).
   */
  long remainingMs(S settings);

  /** Why the settings must not be answered besides their keys (sizes, bucket count), or null. */
  String problem(S settings);

  /**
   * Exactly this kind's number of requests for the round, real or cover. This is the work whose
   * length depends on the user (it may write to disk); it runs before the submission time.
   */
  List<byte[]> requests(S settings) throws RejectedInputException;

  /**
   * As many cover requests as {@link #requests} returns, touching no state: what goes out in
   * their place when the requests were not ready in time.
   */
  List<byte[]> cover(S settings) throws RejectedInputException;

  /** Makes the submission RPC with the wrapped onions; its answer goes to {@code answer}. */
  void send(ByteString session, S settings, List<ByteString> onions,
      StreamObserver<Object> answer);

  /** The settings failed a check: nothing was asked of the kind, nothing is sent. */
  void refused(S settings, String why);

  /**
   * The onions are about to be submitted; the wrapped ones hold the reply keys. {@code real} is
   * false when they are {@link #cover} standing in for requests that were not ready.
   */
  void sending(S settings, List<WrappedOnion> onions, boolean real);

  /** The coordinator accepted the submission ({@code real} as for {@link #sending}). */
  void accepted(S settings, boolean real);

  /**
   * Requests drawn from {@link #requests} will not go out: they were ready too late (cover went
   * in their place), or the round was given up before its submission time. Whatever they carried
   * must go out again in a later round.
   */
  void withdrawn(S settings, String why);

  /** The submission did not get into the round (refused, or unusable keys). */
  void failed(S settings, String why);
}
