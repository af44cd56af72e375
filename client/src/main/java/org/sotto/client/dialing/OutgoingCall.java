package org.sotto.client.dialing;

import java.util.concurrent.CompletableFuture;
import org.sotto.client.identity.Contact;

/**
 * One call this client placed. Its invitation waits for a dialing round, goes out, and is sent
 * again if that round is aborted; {@link #started()} completes once the invitation is in the
 * callee's bucket (whether the callee will accept, nobody but the callee learns), or fails after
 * ten dialing rounds without success.
 */
public final class OutgoingCall {
  private final Contact callee;
  private final CompletableFuture<ConversationStart> started = new CompletableFuture<>();
  private long startRound = -1;
  private int attempts;

  OutgoingCall(Contact callee) {
    this.callee = callee;
  }

  public Contact callee() {
    return callee;
  }

  /** The conversation to open once the invitation is delivered. */
  public CompletableFuture<ConversationStart> started() {
    return started.copy();
  }

  /**
   * The start round, fixed the first time the invitation is sealed so a resent invitation names
   * the same conversation (and a callee that gets both sees one call).
   */
  synchronized long startRound(long proposed) {
    if (startRound < 0) {
      startRound = proposed;
    }
    return startRound;
  }

  /** Counts one more dialing round this call goes out in. */
  synchronized void attempt() {
    attempts++;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized void delivered() {
    started.complete(new ConversationStart(callee, startRound));
  }

  void failed(String why) {
    started.completeExceptionally(new IllegalStateException("could not call "
        + callee.username() + ": " + why));
  }

  @Override
  public String toString() {
    return "call to " + callee.username();
  }
}
