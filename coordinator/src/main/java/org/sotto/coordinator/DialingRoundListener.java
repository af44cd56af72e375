package org.sotto.coordinator;

/** Told about every dialing round the coordinator finishes or aborts. */
@FunctionalInterface
public interface DialingRoundListener {
  void dialingRoundFinished(DialingOutcome outcome);
}
