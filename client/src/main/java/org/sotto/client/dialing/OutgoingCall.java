package org.sotto.client.dialing;

import java.util.concurrent.CompletableFuture;
import org.sotto.client.identity.Contact;

/**
 * One call this client placed. Its start round is fixed when it is placed, so the caller can start
 * its side of the conversation at once ({@link #start()}); its invitation waits for a dialing
 * round, goes out, and is sent again (same start round) if that round is aborted.
 * {@link #delivered()} completes once the invitation is in the callee's bucket (whether the callee
 * accepts, nobody but the callee learns), or fails after ten dialing rounds without success.
 */
public final class OutgoingCall {
  private final ConversationStart start;
  private final CompletableFuture<ConversationStart> delivered = new CompletableFuture<>();
  /** The call's ephemeral X25519 key (§14.8): every resend seals with it; erased when done. */
  private final byte[] ephemeral;
  private final byte[] calleeDialingKey;
  private int attempts;

  /**
   * @param ephemeral the call's ephemeral private key; this call owns it and erases it
   * @param calleeDialingKey the callee's dialing key the invitation is sealed to
   * @param callSecret what {@code ephemeral} and {@code calleeDialingKey} give (CallSecret)
   */
  OutgoingCall(Contact callee, long startRound, byte[] ephemeral, byte[] calleeDialingKey,
      byte[] callSecret) {
    this.start = new ConversationStart(callee, startRound, callSecret);
    this.ephemeral = ephemeral;
    this.calleeDialingKey = calleeDialingKey.clone();
  }

  /** The ephemeral key to seal this call's invitation with; null once the call is done. */
  synchronized byte[] ephemeral() {
    return delivered.isDone() ? null : ephemeral.clone();
  }

  byte[] calleeDialingKey() {
    return calleeDialingKey.clone();
  }

  public Contact callee() {
    return start.peer();
  }

  /** The conversation this call proposes; the callee derives the same one when it accepts. */
  public ConversationStart start() {
    return start;
  }

  /** Completes with {@link #start()} once the invitation is in the callee's bucket. */
  public CompletableFuture<ConversationStart> delivered() {
    return delivered.copy();
  }

  /** Counts one more dialing round this call goes out in. */
  synchronized void attempt() {
    attempts++;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized void reachedBucket() {
    java.util.Arrays.fill(ephemeral, (byte) 0);
    delivered.complete(start);
  }

  synchronized void failed(String why) {
    java.util.Arrays.fill(ephemeral, (byte) 0);
    delivered.completeExceptionally(new IllegalStateException("could not call "
        + callee().username() + ": " + why));
  }

  @Override
  public String toString() {
    return "call to " + callee().username() + " from round " + start.startRound();
  }
}
