package org.sotto.coordinator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sotto.core.round.RoundKind;
import org.sotto.proto.AbortCause;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundEvent;

/**
 * What differs between the kinds of round the coordinator runs; {@link RoundDriver} runs
 * everything they share (the schedule, round numbers, collection, deadlines, the batch in the
 * chain, aborts). The shape is Vuvuzela's coordinator, one server loop per round service
 * (vuvuzela/coordinator/server.go): a round type says how big a client's submission is, how a
 * round opens on the mixes and is announced, how its batch is mixed, and what is done with the
 * result: replies back to each client for conversation rounds, buckets kept for download for
 * dialing rounds.
 *
 * @param <P> what the coordinator chooses for each round when it opens (the bucket count of a
 *     dialing round; nothing for conversation rounds)
 * @param <R> what the chain returns for a batch
 */
interface RoundType<P, R> {

  /** The round in words, in logs and in refusals: "round", "dialing round". */
  String name();

  /** The kind of round, as submission listeners and the mixes' signatures know it. */
  RoundKind kind();

  /** Time between the starts of two rounds; each round collects for one interval. */
  long intervalMs();

  /** How many onions one session submits in a round. */
  int onionsPerSession();

  /** The size of every onion, in bytes, for this chain. */
  int onionSize();

  /** What this round is opened with, chosen from the sessions connected now. */
  P parameters(int sessions);

  /**
   * Opens the round on every mix and returns their signed keys in chain order.
   *
   * @throws Chain.HopFailure naming the mix that failed
   */
  List<MixRoundKey> open(long round, P parameters);

  /**
   * How many rounds should be opening on the chain at once so that each is open when its window
   * starts; 1 while opening takes less than an interval.
   */
  default int openDepth() {
    return 1;
  }

  /** Whether a mix has just let an opening run out of time (then one round opens at a time). */
  default boolean openStalled() {
    return false;
  }

  /** The event that announces the opened round to every client. */
  RoundEvent settings(long round, P parameters, List<MixRoundKey> keys, long deadlineMs,
      long nowMs);

  /** Sends the round's batch into the chain; completes with what comes out of it. */
  CompletableFuture<R> mix(long round, P parameters, byte[][] onions);

  /** Tells every mix to erase the round's key; best effort, nobody waits. */
  void closeRound(long round, String reason);

  /** The event that tells every client the round will produce nothing. */
  RoundEvent aborted(long round, AbortCause cause, String reason);

  /** The chain returned the round's result: hand it over and report the round. */
  void delivered(Finished<P> round, R result);

  /** The round failed for everyone; clients have been told. Report it. */
  void failed(Finished<P> round, AbortCause cause, String reason);

  /**
   * One round at its end.
   *
   * @param collected what was submitted (empty when the round never collected)
   * @param openMs time to open it on the chain
   * @param mixMs window close to result handed over (or to the abort)
   * @param windowClosedAtMs when it stopped collecting, Unix ms (0 if it never collected)
   */
  record Finished<P>(long round, P parameters, RoundCollection.Closed collected, long openMs,
      long mixMs, long windowClosedAtMs) {}
}
