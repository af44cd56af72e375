package org.sotto.simulations.scenario;

import java.util.PriorityQueue;

/**
 * The future of a discrete-event simulation on the round clock: actions scheduled for a round run
 * when the clock reaches it, in the order they were scheduled (a sequence number breaks ties, so a
 * run never depends on the heap's order and the same seed gives the same run).
 */
final class EventQueue {
  private record Scheduled(long round, long sequence, Runnable action) {}

  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) ->
      a.round != b.round ? Long.compare(a.round, b.round) : Long.compare(a.sequence, b.sequence));
  private long sequence;

  void schedule(long round, Runnable action) {
    queue.add(new Scheduled(round, sequence++, action));
  }

  /** Runs every action due at or before {@code round}, including ones they schedule for it. */
  void runUntil(long round) {
    while (!queue.isEmpty() && queue.peek().round <= round) {
      queue.poll().action.run();
    }
  }
}
