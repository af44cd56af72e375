package org.sotto.client.dialing;

import java.util.Arrays;
import org.sotto.client.SottoException;
import org.sotto.client.account.Accounts;
import org.sotto.client.identity.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link CallerCheck}: an invitation's name is believed only if the directory lists
 * that user with exactly the invitation's signing and X25519 keys, under an identity binding the
 * user signed ({@link Accounts#lookup} verifies it). Anyone can seal an invitation that says
 * "alice" with their own keys; only alice's keys pass. Each refusal is reported with its reason.
 */
public final class DirectoryCallerCheck implements CallerCheck {
  private static final Logger log = LoggerFactory.getLogger(DirectoryCallerCheck.class);

  /** Told why an invitation was refused. */
  @FunctionalInterface
  public interface Refusals {
    void refused(Contact claimed, String reason);
  }

  private final Accounts accounts;
  private final Refusals refusals;

  public DirectoryCallerCheck(Accounts accounts, Refusals refusals) {
    this.accounts = accounts;
    this.refusals = refusals;
  }

  @Override
  public boolean vouchesFor(Contact caller) {
    String name = caller.username();
    Contact listed;
    try {
      listed = accounts.lookup(name);
    } catch (SottoException e) {
      return refuse(caller, switch (e.reason()) {
        case UNKNOWN_CONTACT -> "an invitation claims to come from " + name + ", who has no "
            + "account in the directory; dropped";
        case TAMPERED -> "an invitation claims to come from " + name + ", but the directory's "
            + "entry for them does not check out (" + e.getMessage() + "); dropped";
        default -> "an invitation claims to come from " + name + ", and the directory could "
            + "not be asked whether its keys are theirs (" + e.getMessage() + "); dropped";
      });
    }
    if (!Arrays.equals(listed.signingPublicKey(), caller.signingPublicKey())
        || !Arrays.equals(listed.dhPublicKey(), caller.dhPublicKey())) {
      return refuse(caller, "an invitation claims to come from " + name + " but carries "
          + "identity keys that are not " + name + "'s in the directory: someone is "
          + "impersonating them; dropped");
    }
    return true;
  }

  private boolean refuse(Contact caller, String reason) {
    log.warn(reason);
    refusals.refused(caller, reason);
    return false;
  }
}
