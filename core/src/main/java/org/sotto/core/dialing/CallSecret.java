package org.sotto.core.dialing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The secret a call adds to its conversation's root (docs/protocol.md §4, §14.8): the X25519 of
 * the caller's ephemeral key (the one its invitation box shows as E) with the callee's dialing
 * key of the epoch,
 *
 * <pre>
 * callSecret = HKDF(ikm = X25519(e, K), salt = E ‖ K, info = "sotto/v3/call-secret", 32)
 * </pre>
 *
 * The caller erases e once the invitation is delivered and the callee erases K's private half
 * when the epoch has passed, so afterwards nobody, not even either user with their identity
 * keys, can compute it again: that is what makes the conversation forward-secret against a later
 * theft of identity keys. It is also fresh for every call, so two conversations of one pair never
 * share a root, whatever their start rounds.
 */
public final class CallSecret {
  private CallSecret() {}

  /** The caller's side, from its ephemeral private key and the callee's dialing key. */
  public static byte[] forCaller(X25519 x25519, byte[] ephemeralPrivate, byte[] calleeDialingKey)
      throws RejectedInputException {
    return derive(x25519.sharedSecret(ephemeralPrivate, calleeDialingKey),
        x25519.publicKey(ephemeralPrivate), calleeDialingKey);
  }

  /**
   * The callee's side, from its dialing key pair and the caller's ephemeral public key E (the
   * first 32 bytes of the sealed invitation it opened).
   */
  public static byte[] forCallee(X25519 x25519, X25519KeyPair dialingKey, byte[] ephemeralPublic)
      throws RejectedInputException {
    RejectedInputException.requireLength("ephemeral key", ephemeralPublic.length,
        WireSizes.X25519_KEY);
    return derive(x25519.sharedSecret(dialingKey.privateKey(), ephemeralPublic),
        ephemeralPublic, dialingKey.publicKey());
  }

  private static byte[] derive(byte[] shared, byte[] ephemeralPublic, byte[] dialingKey) {
    try {
      byte[] salt = ByteBuffer.allocate(2 * WireSizes.X25519_KEY).put(ephemeralPublic)
          .put(dialingKey).array();
      return Hkdf.derive(shared, salt, Labels.CALL_SECRET, 32);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }
}
