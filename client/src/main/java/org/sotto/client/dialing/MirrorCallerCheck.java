package org.sotto.client.dialing;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.sotto.client.account.DirectoryMirror;
import org.sotto.client.identity.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link CallerCheck}: an invitation's name is believed only if this client's
 * mirror of the directory lists that user with exactly the invitation's signing and X25519 keys
 * (the mirror keeps only records whose identity binding the user signed). Anyone can seal an
 * invitation that says "alice" with their own keys; only alice's keys pass. Nothing is asked of
 * the directory, so receiving an invitation causes no call that could reveal the caller.
 *
 * <p>A name the mirror does not hold yet (the caller registered since the last sync) is held
 * over the next {@link #HOLD_SYNCS} scheduled syncs and decided then. Each refusal is reported
 * with its reason.
 */
public final class MirrorCallerCheck implements CallerCheck {
  private static final Logger log = LoggerFactory.getLogger(MirrorCallerCheck.class);
  /** Scheduled syncs an invitation from an unknown name waits for before it is dropped. */
  public static final int HOLD_SYNCS = 2;

  /** Told why an invitation was refused. */
  @FunctionalInterface
  public interface Refusals {
    void refused(Contact claimed, String reason);
  }

  private final DirectoryMirror mirror;
  private final Refusals refusals;

  public MirrorCallerCheck(DirectoryMirror mirror, Refusals refusals) {
    this.mirror = mirror;
    this.refusals = refusals;
  }

  /** Whether the mirror, as it is now, lists {@code caller}'s name with exactly these keys. */
  @Override
  public boolean vouchesFor(Contact caller) {
    return mirror.find(caller.username()).filter(listed -> sameKeys(listed, caller)).isPresent();
  }

  @Override
  public CompletionStage<Boolean> decide(Contact caller) {
    String name = caller.username();
    CompletableFuture<Optional<Contact>> listed;
    try {
      listed = mirror.resolve(name, HOLD_SYNCS);
    } catch (RuntimeException e) { // the local database failed
      return CompletableFuture.completedFuture(refuse(caller, "an invitation claims to come "
          + "from " + name + ", and this client's copy of the directory could not be read ("
          + e.getMessage() + "); dropped"));
    }
    return listed.handle((found, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        return refuse(caller, "an invitation claims to come from " + name + ", who is not in "
            + "this client's copy of the directory, and the sync that could have brought them "
            + "failed (" + cause.getMessage() + "); dropped");
      }
      if (found.isEmpty()) {
        return refuse(caller, "an invitation claims to come from " + name + ", who has no "
            + "account in the directory (not in this client's copy after " + HOLD_SYNCS
            + " more syncs); dropped");
      }
      if (!sameKeys(found.get(), caller)) {
        return refuse(caller, "an invitation claims to come from " + name + " but carries "
            + "identity keys that are not " + name + "'s in the directory: someone is "
            + "impersonating them; dropped");
      }
      return true;
    });
  }

  private static boolean sameKeys(Contact listed, Contact caller) {
    return Arrays.equals(listed.signingPublicKey(), caller.signingPublicKey())
        && Arrays.equals(listed.dhPublicKey(), caller.dhPublicKey());
  }

  private boolean refuse(Contact caller, String reason) {
    log.warn(reason);
    refusals.refused(caller, reason);
    return false;
  }
}
