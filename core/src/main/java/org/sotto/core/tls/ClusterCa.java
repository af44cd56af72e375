package org.sotto.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A cluster certificate authority (Bouncy Castle): one self-signed ECDSA P-256 CA that issues each
 * node's TLS certificate. Servers accept peers only with a certificate from it (mutual TLS), and
 * clients pin it through the cluster descriptor.
 */
public final class ClusterCa {
  private static final Duration VALIDITY = Duration.ofDays(825);
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final SecureRandom random;

  private ClusterCa(KeyPair keyPair, X509Certificate certificate, SecureRandom random) {
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.random = random;
  }

  public static ClusterCa create(String clusterName, SecureRandom random)
      throws GeneralSecurityException {
    KeyPair kp = newKeyPair(random);
    X500Name name = new X500Name("CN=Sotto cluster CA " + clusterName);
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY.multipliedBy(2))),
          name, kp.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(kp.getPublic()));
      return new ClusterCa(kp, sign(b, kp.getPrivate()), random);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build the CA certificate", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /**
   * A node certificate for {@code hosts} (DNS names or IP literals), usable as server and client,
   * naming the node's role and name ({@link ClusterPeer#urn()}) so that servers can check who
   * calls them.
   */
  public Issued issue(ClusterPeer node, List<String> hosts) throws GeneralSecurityException {
    String nodeName = node.name();
    KeyPair kp = newKeyPair(random);
    Instant now = Instant.now();
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, node.urn()));
    for (String h : hosts) {
      names.add(isIpLiteral(h) ? new GeneralName(GeneralName.iPAddress, h)
          : new GeneralName(GeneralName.dNSName, h));
    }
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
          new X500Name("CN=" + nodeName), kp.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(names.toArray(GeneralName[]::new)))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(certificate));
      return new Issued(sign(b, keyPair.getPrivate()), kp.getPrivate());
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build the certificate of " + nodeName, e);
    }
  }

  /** An issued certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey privateKey) {
    /** Writes {@code <dir>/tls.crt} and {@code <dir>/tls.key} (owner-only). */
    public void writeTo(Path dir) throws IOException {
      writePem(dir.resolve("tls.crt"), toPem(certificate), false);
      writePem(dir.resolve("tls.key"), pkcs8Pem(privateKey), true);
    }
  }

  public static String toPem(Object certificateOrKey) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(certificateOrKey);
    }
    return out.toString();
  }

  /** PKCS#8 "PRIVATE KEY" PEM, the form Netty's SslContextBuilder reads. */
  public static String pkcs8Pem(PrivateKey key) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
    }
    return out.toString();
  }

  /** Writes a PEM file; secrets are created owner-read/write only. */
  public static void writePem(Path file, String pem, boolean secret) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    if (secret) {
      try {
        Files.createFile(file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write(pem);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal never triggers a lookup
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
