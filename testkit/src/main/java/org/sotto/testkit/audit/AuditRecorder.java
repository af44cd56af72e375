package org.sotto.testkit.audit;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.sotto.coordinator.CallObserver;
import org.sotto.coordinator.SubmissionListener;
import org.sotto.core.round.RoundKind;
import org.sotto.core.round.Shuffle;
import org.sotto.mixnode.MixObserver;

/**
 * What the servers saw, recorded through their hooks in the real code paths: every request at
 * the coordinator, every accepted submission with its arrival time, and every round each mix
 * mixed. Only records; the audit sorts it out afterwards.
 */
final class AuditRecorder implements CallObserver, SubmissionListener {
  /** One request message at the coordinator. */
  record Call(String method, String peer, int bytes, long nanos) {
    /** The gRPC service, e.g. {@code sotto.v1.Directory}. */
    String service() {
      return method.substring(0, method.indexOf('/'));
    }

    String shortName() {
      return method.substring(method.lastIndexOf('.') + 1);
    }
  }

  /** One accepted submission, {@code sinceAnnouncedNanos} after its round was announced. */
  record Submission(RoundKind kind, long round, String session, List<Integer> sizes,
      long sinceAnnouncedNanos) {}

  /**
   * One round at one mix: the noise draws, and one known input's displacement through the
   * shuffle, (output − input) mod n, for an input the audit picked at random (−1: the round
   * had no items).
   */
  record Mixed(int mix, RoundKind kind, long round, long[] draws, int items, int displacement) {}

  final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Submission> submissions = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Mixed> mixed = new ConcurrentLinkedQueue<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public void request(String method, String peer, int requestBytes, long arrivedNanos) {
    calls.add(new Call(method, peer, requestBytes, arrivedNanos));
  }

  @Override
  public void accepted(RoundKind kind, long round, String session, List<Integer> onionSizes) {
    // The coordinator always calls the timed variant below.
  }

  @Override
  public void accepted(RoundKind kind, long round, String session, List<Integer> onionSizes,
      long sinceAnnouncedNanos) {
    submissions.add(new Submission(kind, round, session, onionSizes, sinceAnnouncedNanos));
  }

  /** The observer for mix {@code position}. */
  MixObserver mix(int position) {
    return (kind, round, draws, real, shuffle) -> {
      int n = shuffle.size();
      if (n == 0) {
        mixed.add(new Mixed(position, kind, round, draws, 0, -1));
        return;
      }
      // Input from upstream picked at random (noise inputs when nothing came from upstream),
      // independently of the permutation; where it went is uniform if the shuffle is.
      int input = random.nextInt(real > 0 ? real : n);
      mixed.add(new Mixed(position, kind, round, draws, n, displacement(shuffle, input)));
    };
  }

  private static int displacement(Shuffle shuffle, int input) {
    int n = shuffle.size();
    for (int out = 0; out < n; out++) {
      if (shuffle.source(out) == input) {
        return Math.floorMod(out - input, n);
      }
    }
    throw new IllegalStateException("input " + input + " is not in the permutation");
  }
}
