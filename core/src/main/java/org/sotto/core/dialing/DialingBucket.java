package org.sotto.core.dialing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.sotto.core.crypto.Labels;

/**
 * Which of a dialing round's m buckets holds the invitations for a user (docs/protocol.md §14):
 *
 * <pre>bucket = u64be(SHA-256("sotto/v1/dialing-bucket" ‖ username)[0, 8)) mod m</pre>
 *
 * As in Vuvuzela's dialing protocol (van den Hooff et al., SOSP 2015, §5) the bucket depends only
 * on the callee, so a callee downloads one bucket and a caller needs nothing but the callee's
 * name; the hash spreads users evenly, and m is chosen per round so buckets stay a small download.
 * The name is the canonical username (directory.proto), so every client computes the same bucket.
 */
public final class DialingBucket {
  private DialingBucket() {}

  public static int of(String username, int bucketCount) {
    if (bucketCount < 1) {
      throw new IllegalArgumentException("a dialing round has at least one bucket");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Labels.DIALING_BUCKET);
      sha.update(username.getBytes(StandardCharsets.US_ASCII));
      long prefix = ByteBuffer.wrap(sha.digest(), 0, 8).getLong();
      return (int) Long.remainderUnsigned(prefix, bucketCount);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
