package org.sotto.coordinator;

/** Told about every round the coordinator finishes or aborts. */
@FunctionalInterface
public interface RoundListener {
  void roundFinished(RoundOutcome outcome);
}
