package org.sotto.core.crypto;

import static org.sotto.core.wire.WireSizes.SIGNATURE;
import static org.sotto.core.wire.WireSizes.SIGNING_PRIVATE_KEY;
import static org.sotto.core.wire.WireSizes.SIGNING_PUBLIC_KEY;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.sotto.core.wire.RejectedInputException;

/**
 * ECDSA over P-256 with SHA-256 and deterministic nonces (RFC 6979), from Bouncy Castle.
 * Signatures are r ‖ s, 32 bytes each, big-endian; public keys are SEC1 uncompressed points.
 */
public final class Ecdsa {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

  private Ecdsa() {}

  /** A signing key pair: 32-byte private scalar and 65-byte public point. */
  public record KeyPair(byte[] privateKey, byte[] publicKey) {}

  public static KeyPair generate(SecureRandom random) {
    BigInteger d;
    do {
      d = BigIntegers.createRandomBigInteger(256, random);
    } while (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0);
    byte[] priv = BigIntegers.asUnsignedByteArray(SIGNING_PRIVATE_KEY, d);
    return new KeyPair(priv, publicKey(priv));
  }

  /** The SEC1 uncompressed public key of a private scalar. */
  public static byte[] publicKey(byte[] privateKey) {
    BigInteger d = new BigInteger(1, privateKey);
    return DOMAIN.getG().multiply(d).normalize().getEncoded(false);
  }

  /** Signs SHA-256(data[off, off+len)) deterministically; writes 64 bytes to out[outOff…]. */
  public static void sign(byte[] privateKey, byte[] data, int off, int len, byte[] out, int outOff) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN));
    BigInteger[] rs = signer.generateSignature(sha256(data, off, len));
    BigIntegers.asUnsignedByteArray(rs[0], out, outOff, 32);
    BigIntegers.asUnsignedByteArray(rs[1], out, outOff + 32, 32);
  }

  public static byte[] sign(byte[] privateKey, byte[] data) {
    byte[] sig = new byte[SIGNATURE];
    sign(privateKey, data, 0, data.length, sig, 0);
    return sig;
  }

  /**
   * Verifies a 64-byte r ‖ s signature over data[off, off+len).
   *
   * @throws RejectedInputException BAD_SIGNATURE if it does not verify, MALFORMED if the key is
   *     not a point on P-256
   */
  public static void verify(
      byte[] publicKey, byte[] data, int off, int len, byte[] sig, int sigOff)
      throws RejectedInputException {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(decodePoint(publicKey), DOMAIN));
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, sigOff, sigOff + 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, sigOff + 32, sigOff + 64));
    if (!verifier.verifySignature(sha256(data, off, len), r, s)) {
      throw new RejectedInputException(
          RejectedInputException.Reason.BAD_SIGNATURE, "ECDSA signature does not verify");
    }
  }

  public static void verify(byte[] publicKey, byte[] data, byte[] sig)
      throws RejectedInputException {
    RejectedInputException.requireLength("ECDSA signature", sig.length, SIGNATURE);
    verify(publicKey, data, 0, data.length, sig, 0);
  }

  /**
   * Parses and validates a SEC1 uncompressed P-256 point (0x04 ‖ x ‖ y). Bouncy Castle would also
   * take the 65-byte "hybrid" forms 0x06/0x07, which name the same point with different bytes;
   * only 0x04 is accepted so that every key has exactly one encoding.
   */
  public static ECPoint decodePoint(byte[] publicKey) throws RejectedInputException {
    RejectedInputException.requireLength(
        "ECDSA P-256 public key", publicKey.length, SIGNING_PUBLIC_KEY);
    if (publicKey[0] != 0x04) {
      throw new RejectedInputException(
          RejectedInputException.Reason.MALFORMED,
          "ECDSA public key must be SEC1 uncompressed (first byte 0x04), got 0x"
              + String.format("%02x", publicKey[0] & 0xff));
    }
    try {
      ECPoint p = CURVE.getCurve().decodePoint(publicKey);
      if (p.isInfinity() || !p.isValid()) {
        throw new IllegalArgumentException("not a valid point");
      }
      return p;
    } catch (IllegalArgumentException e) {
      throw new RejectedInputException(
          RejectedInputException.Reason.MALFORMED,
          "ECDSA public key is not a point on P-256: " + e.getMessage());
    }
  }

  private static byte[] sha256(byte[] data, int off, int len) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, off, len);
    byte[] h = new byte[32];
    digest.doFinal(h, 0);
    return h;
  }
}
