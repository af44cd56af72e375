package org.sotto.core.dialing;

import static org.sotto.core.wire.WireSizes.INVITATION;
import static org.sotto.core.wire.WireSizes.INVITATION_PLAINTEXT;
import static org.sotto.core.wire.WireSizes.INVITATION_SIGNED_FIELDS;
import static org.sotto.core.wire.WireSizes.MAC_TAG;
import static org.sotto.core.wire.WireSizes.X25519_KEY;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.Labels;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;

/**
 * Seals an invitation to the callee's X25519 identity key so that only the callee can open it, and
 * opens the invitations of a bucket by trial decryption (docs/protocol.md §14). An ephemeral-static
 * box in the style of the onion layer (§6), plus the caller's signature inside:
 *
 * <pre>
 * signed    = "sotto/v1/invitation-signature" ‖ u64be(dialingRound) ‖ calleeDhPub (32) ‖ fields (144)
 * plaintext = fields ‖ Sign(callerSigPriv, signed)                                  208 bytes
 * shared    = X25519(e, calleeDhPub)                                               reject all-zero
 * okm       = HKDF(shared, salt = u64be(dialingRound) ‖ E ‖ calleeDhPub, "sotto/v1/invitation-box", 80)
 * sealed    = E (32) ‖ CBC(okm[0,32), okm[64,80), plaintext) (208) ‖ HMAC(okm[32,64), ct) (32)   272
 * </pre>
 *
 * The ephemeral key is fresh for every invitation, so every key is used once and the IV may be
 * derived. The signature binds the dialing round and the callee: a callee cannot pass the caller's
 * signed invitation on to someone else, and nobody can replay a sealed invitation into a later
 * dialing round (the salt changes too). A random 272-byte string, which is what noise and cover
 * invitations are, fails the MAC like an invitation sealed to someone else.
 */
public final class InvitationBox {
  private static final int OKM_LENGTH = 80;
  private static final int CT_OFF = X25519_KEY;
  private static final int TAG_OFF = X25519_KEY + INVITATION_PLAINTEXT;

  private InvitationBox() {}

  /**
   * Seals {@code invitation} for the owner of {@code calleeDhPublic}, signed with
   * {@code callerSigningPrivate} (which a well-behaved caller pairs with the invitation's signing
   * key; a mismatch yields an invitation every callee rejects).
   *
   * @throws RejectedInputException ZERO_SHARED_SECRET if the callee's key is a low-order point
   */
  public static byte[] seal(InvitationBody invitation, byte[] callerSigningPrivate,
      byte[] calleeDhPublic, long dialingRound, X25519 x25519, SecureRandom random)
      throws RejectedInputException {
    byte[] ephemeral = new byte[X25519_KEY];
    random.nextBytes(ephemeral);
    try {
      return seal(invitation, callerSigningPrivate, calleeDhPublic, dialingRound, x25519,
          ephemeral);
    } finally {
      Arrays.fill(ephemeral, (byte) 0);
    }
  }

  /** Seals with a caller-chosen ephemeral private key; for tests and vectors only. */
  public static byte[] seal(InvitationBody invitation, byte[] callerSigningPrivate,
      byte[] calleeDhPublic, long dialingRound, X25519 x25519, byte[] ephemeralPrivate)
      throws RejectedInputException {
    RejectedInputException.requireLength("callee X25519 key", calleeDhPublic.length, X25519_KEY);
    byte[] plain = new byte[INVITATION_PLAINTEXT];
    System.arraycopy(invitation.encode(), 0, plain, 0, INVITATION_SIGNED_FIELDS);
    byte[] signed = signedBytes(dialingRound, calleeDhPublic, plain);
    Ecdsa.sign(callerSigningPrivate, signed, 0, signed.length, plain, INVITATION_SIGNED_FIELDS);

    byte[] ephemeralPublic = x25519.publicKey(ephemeralPrivate);
    byte[] shared = x25519.sharedSecret(ephemeralPrivate, calleeDhPublic);
    byte[] okm = keys(shared, dialingRound, ephemeralPublic, calleeDhPublic);
    try {
      byte[] sealed = new byte[INVITATION];
      System.arraycopy(ephemeralPublic, 0, sealed, 0, X25519_KEY);
      AesCbc.encrypt(Arrays.copyOfRange(okm, 0, 32), okm, 64, plain, 0, INVITATION_PLAINTEXT,
          sealed, CT_OFF);
      HmacSha256.mac(Arrays.copyOfRange(okm, 32, 64), sealed, CT_OFF, INVITATION_PLAINTEXT,
          sealed, TAG_OFF);
      return sealed;
    } finally {
      Arrays.fill(okm, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens one invitation of the callee's bucket of {@code dialingRound}. Most invitations in a
   * bucket are for someone else or noise, and fail with BAD_MAC; that is the normal case, not an
   * error.
   *
   * @throws RejectedInputException WRONG_LENGTH, ZERO_SHARED_SECRET, BAD_MAC (not for this callee,
   *     not for this round, noise, or tampered), MALFORMED (bad fields or caller key) or
   *     BAD_SIGNATURE (sealed to this callee, but not signed by the key it names: forged)
   */
  public static InvitationBody open(byte[] sealed, X25519KeyPair callee, long dialingRound,
      X25519 x25519) throws RejectedInputException {
    RejectedInputException.requireLength("sealed invitation", sealed.length, INVITATION);
    byte[] ephemeralPublic = Arrays.copyOfRange(sealed, 0, X25519_KEY);
    byte[] shared = x25519.sharedSecret(callee.privateKey(), ephemeralPublic);
    byte[] okm = keys(shared, dialingRound, ephemeralPublic, callee.publicKey());
    byte[] plain = new byte[INVITATION_PLAINTEXT];
    try {
      byte[] tag = new byte[MAC_TAG];
      HmacSha256.mac(Arrays.copyOfRange(okm, 32, 64), sealed, CT_OFF, INVITATION_PLAINTEXT, tag,
          0);
      if (!ConstantTime.equals(tag, 0, sealed, TAG_OFF, MAC_TAG)) {
        throw new RejectedInputException(RejectedInputException.Reason.BAD_MAC,
            "invitation is not for this key and round (or is noise)");
      }
      AesCbc.decrypt(Arrays.copyOfRange(okm, 0, 32), okm, 64, sealed, CT_OFF,
          INVITATION_PLAINTEXT, plain, 0);
      InvitationBody invitation = InvitationBody.decode(plain);
      byte[] signed = signedBytes(dialingRound, callee.publicKey(), plain);
      Ecdsa.verify(invitation.callerSigningKey(), signed, 0, signed.length, plain,
          INVITATION_SIGNED_FIELDS);
      return invitation;
    } finally {
      Arrays.fill(okm, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** "sotto/v1/invitation-signature" ‖ u64be(dialingRound) ‖ calleeDhPub ‖ plaintext[0, 144). */
  static byte[] signedBytes(long dialingRound, byte[] calleeDhPublic, byte[] plain) {
    return ByteBuffer.allocate(Labels.INVITATION_SIGNATURE.length + 8 + X25519_KEY
            + INVITATION_SIGNED_FIELDS)
        .put(Labels.INVITATION_SIGNATURE).putLong(dialingRound).put(calleeDhPublic)
        .put(plain, 0, INVITATION_SIGNED_FIELDS).array();
  }

  private static byte[] keys(byte[] shared, long dialingRound, byte[] ephemeralPublic,
      byte[] calleeDhPublic) {
    byte[] salt = ByteBuffer.allocate(8 + 2 * X25519_KEY).putLong(dialingRound)
        .put(ephemeralPublic).put(calleeDhPublic).array();
    try {
      return Hkdf.derive(shared, salt, Labels.INVITATION_BOX, OKM_LENGTH);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }
}
