package org.sotto.client.account;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.sotto.client.identity.Contact;
import org.sotto.core.crypto.Labels;

/**
 * A number two users read to each other (in person, on a call) to be sure the directory gave each
 * the other's real keys: the directory is trusted on first use, and this is how a user stops
 * trusting it. Both sides compute the same 60 digits:
 *
 * <pre>
 * for each user, in byte order of their encodings: enc = u8(len(name)) ‖ name ‖ sigPub ‖ dhPub
 * h = SHA-512("sotto/v1/safety-number" ‖ enc(first) ‖ enc(second))
 * digits = for i in 0..11: u40be(h[5i, 5i+5)) mod 100000, five digits each
 * </pre>
 */
public final class SafetyNumber {
  private SafetyNumber() {}

  public static String of(Contact a, Contact b) {
    byte[] ea = encode(a);
    byte[] eb = encode(b);
    boolean aFirst = Arrays.compareUnsigned(ea, eb) <= 0;
    MessageDigest sha512;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha512.update(Labels.SAFETY_NUMBER);
    sha512.update(aFirst ? ea : eb);
    sha512.update(aFirst ? eb : ea);
    byte[] h = sha512.digest();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      long v = 0;
      for (int j = 0; j < 5; j++) {
        v = (v << 8) | (h[5 * i + j] & 0xff);
      }
      if (i > 0) {
        out.append(i % 4 == 0 ? "\n" : " ");
      }
      out.append(String.format("%05d", v % 100_000));
    }
    return out.toString();
  }

  private static byte[] encode(Contact c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] name = c.username().getBytes(StandardCharsets.US_ASCII);
    out.write(name.length);
    out.writeBytes(name);
    out.writeBytes(c.signingPublicKey());
    out.writeBytes(c.dhPublicKey());
    return out.toByteArray();
  }
}
