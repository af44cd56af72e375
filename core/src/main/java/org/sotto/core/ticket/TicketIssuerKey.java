package org.sotto.core.ticket;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.sotto.core.tls.ClusterCa;
import org.sotto.core.wire.RejectedInputException;

/**
 * The issuer's private key: the primes p and q of the modulus, from which the signing exponent
 * of every epoch follows (d_E = e_E⁻¹ mod φ(n), see {@link TicketPublicKey}). Written by
 * {@code cluster init} into the coordinator's folder, two lines of hex, owner-only.
 */
public final class TicketIssuerKey {
  private final BigInteger p;
  private final BigInteger q;
  private final TicketPublicKey publicKey;
  private final SecureRandom random;

  private TicketIssuerKey(BigInteger p, BigInteger q, SecureRandom random) {
    this.p = p;
    this.q = q;
    this.publicKey = new TicketPublicKey(p.multiply(q));
    this.random = random;
  }

  public static TicketIssuerKey generate(SecureRandom random) {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random,
        TicketPublicKey.MODULUS_BITS, 112));
    RSAPrivateCrtKeyParameters key =
        (RSAPrivateCrtKeyParameters) generator.generateKeyPair().getPrivate();
    return new TicketIssuerKey(key.getP(), key.getQ(), random);
  }

  public static TicketIssuerKey read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
        .map(String::trim).filter(l -> !l.isEmpty()).toList();
    try {
      if (lines.size() != 2) {
        throw new IllegalArgumentException("expected two lines");
      }
      return new TicketIssuerKey(new BigInteger(lines.get(0), 16),
          new BigInteger(lines.get(1), 16), new SecureRandom());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a session-ticket key (two lines of hex, the primes "
          + "p and q, as cluster init writes it): " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    ClusterCa.writePem(file, p.toString(16) + "\n" + q.toString(16) + "\n", true);
  }

  public TicketPublicKey publicKey() {
    return publicKey;
  }

  /**
   * Signs a blinded ticket for {@code epoch}: blinded^d_E mod n, computed with CRT and with
   * BC's own base blinding (so the time it takes does not leak d_E).
   */
  public byte[] signBlinded(long epoch, byte[] blinded) throws RejectedInputException {
    RejectedInputException.requireLength("blinded ticket", blinded.length, publicKey.bytes());
    BigInteger m = new BigInteger(1, blinded);
    if (m.signum() == 0 || m.compareTo(publicKey.modulus()) >= 0) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "a blinded ticket is a number between 1 and the ticket key's modulus");
    }
    BigInteger e = TicketPublicKey.exponent(epoch);
    BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
    BigInteger d = e.modInverse(phi);
    RSAPrivateCrtKeyParameters key = new RSAPrivateCrtKeyParameters(publicKey.modulus(), e, d, p,
        q, d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)),
        q.modInverse(p));
    RSABlindedEngine engine = new RSABlindedEngine();
    engine.init(true, new ParametersWithRandom(key, random));
    byte[] signature = engine.processBlock(blinded, 0, blinded.length);
    return TicketPublicKey.unsigned(new BigInteger(1, signature), publicKey.bytes());
  }

  @Override
  public String toString() {
    return "TicketIssuerKey[" + HexFormat.of().formatHex(publicKey.modulus().toByteArray(), 0, 8)
        + "…]";
  }
}
