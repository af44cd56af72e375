package org.sotto.core.ticket;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.generators.RSABlindingFactorGenerator;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.sotto.core.crypto.Labels;
import org.sotto.core.wire.RejectedInputException;

/**
 * The public half of the session-ticket issuer's key: an RSA modulus n, pinned in the cluster
 * descriptor so every client blinds against the same key (a per-user key would let the issuer
 * tag tickets and link sessions to accounts).
 *
 * <p><b>Partially blind RSA.</b> Tickets are blind RSA signatures (RFC 9474, RSABSSA-SHA384-PSS-
 * Deterministic: EMSA-PSS with SHA-384 and an empty salt, blinded as m·r^e mod n) with one twist
 * that binds the epoch in a way the blind signer can enforce: the public exponent is not fixed
 * but derived from the epoch, e_E = the first prime above SHA-256(label ‖ u64 E) with its top bit
 * set (so 256-bit). The issuer, who knows φ(n), signs with d_E = e_E⁻¹ mod φ(n); a signature made
 * for epoch E verifies only under e_E, so a client cannot stockpile tickets for later epochs even
 * though the issuer never sees the message it signs. This is the public-metadata construction of
 * the partially blind RSA draft (draft-amjad-cfrg-partially-blind-rsa), with a hashed prime
 * exponent as in Gennaro–Halevi–Rabin signatures: forging for a new epoch means taking an e_E-th
 * root, which the strong RSA assumption rules out even given roots for other primes.
 */
public record TicketPublicKey(BigInteger modulus) {
  /** Random bytes of a ticket serial. */
  public static final int SERIAL_BYTES = 32;
  /** Bits of the modulus cluster init generates and the descriptor must carry. */
  public static final int MODULUS_BITS = 2048;

  private static final ConcurrentMap<Long, BigInteger> EXPONENTS = new ConcurrentHashMap<>();

  public TicketPublicKey {
    if (modulus.bitLength() != MODULUS_BITS || !modulus.testBit(0)) {
      throw new IllegalArgumentException("a session-ticket key is an odd " + MODULUS_BITS
          + "-bit RSA modulus");
    }
  }

  /** The key as the descriptor writes it: the modulus in hex. */
  public static TicketPublicKey fromHex(String hex) {
    return new TicketPublicKey(new BigInteger(1, HexFormat.of().parseHex(hex)));
  }

  public String hex() {
    return HexFormat.of().formatHex(unsigned(modulus, bytes()));
  }

  /** The byte length of a signature (and of a blinded message). */
  public int bytes() {
    return (MODULUS_BITS + 7) / 8;
  }

  /** e_E: the public exponent of epoch {@code epoch}. */
  public static BigInteger exponent(long epoch) {
    return EXPONENTS.computeIfAbsent(epoch, e -> {
      byte[] digest = sha256(Labels.SESSION_TICKET_EXPONENT, u64(e));
      return new BigInteger(1, digest).setBit(255).nextProbablePrime();
    });
  }

  /** What a ticket's signature covers: label ‖ u64 epoch ‖ serial. */
  public static byte[] message(long epoch, byte[] serial) {
    byte[] label = Labels.SESSION_TICKET;
    byte[] m = new byte[label.length + 8 + serial.length];
    System.arraycopy(label, 0, m, 0, label.length);
    System.arraycopy(u64(epoch), 0, m, label.length, 8);
    System.arraycopy(serial, 0, m, label.length + 8, serial.length);
    return m;
  }

  /** Starts a ticket for {@code epoch}: a fresh serial, blinded for the issuer. */
  public BlindedTicket blind(long epoch, SecureRandom random) {
    byte[] serial = new byte[SERIAL_BYTES];
    random.nextBytes(serial);
    RSAKeyParameters key = keyFor(epoch);
    RSABlindingFactorGenerator factors = new RSABlindingFactorGenerator();
    factors.init(new ParametersWithRandom(key, random));
    RSABlindingParameters blinding = new RSABlindingParameters(key, factors
        .generateBlindingFactor());
    PSSSigner blinder = new PSSSigner(new RSABlindingEngine(), new SHA384Digest(), 0);
    blinder.init(true, blinding);
    byte[] m = message(epoch, serial);
    blinder.update(m, 0, m.length);
    try {
      return new BlindedTicket(this, epoch, serial, blinding, blinder.generateSignature());
    } catch (org.bouncycastle.crypto.CryptoException e) {
      throw new IllegalStateException("PSS encoding failed", e);
    }
  }

  /** Whether {@code ticket} carries this key's signature for its epoch. */
  public boolean verifies(SessionTicket ticket) {
    byte[] signature = ticket.signature();
    byte[] serial = ticket.serial();
    if (signature.length != bytes() || serial.length != SERIAL_BYTES) {
      return false;
    }
    PSSSigner verifier = new PSSSigner(new RSAEngine(), new SHA384Digest(), 0);
    verifier.init(false, keyFor(ticket.epoch()));
    byte[] m = message(ticket.epoch(), serial);
    verifier.update(m, 0, m.length);
    return verifier.verifySignature(signature);
  }

  /** Throws when {@code ticket} does not verify, in words. */
  public void check(SessionTicket ticket) throws RejectedInputException {
    if (!verifies(ticket)) {
      throw new RejectedInputException(RejectedInputException.Reason.BAD_SIGNATURE,
          "the session ticket for epoch " + Long.toUnsignedString(ticket.epoch())
              + " is not signed by this cluster's ticket key");
    }
  }

  RSAKeyParameters keyFor(long epoch) {
    return new RSAKeyParameters(false, modulus, exponent(epoch));
  }

  static byte[] unsigned(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  private static byte[] u64(long v) {
    return java.nio.ByteBuffer.allocate(8).putLong(v).array();
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
