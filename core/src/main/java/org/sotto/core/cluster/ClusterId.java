package org.sotto.core.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.sotto.core.crypto.Labels;

/**
 * The identity of a cluster as its mixes sign it into every round key (docs/protocol.md §9): a
 * SHA-256 over a canonical encoding of everything in the descriptor that shapes what a client
 * sends (the cluster's name, its chain of mixes with their signing keys, the round intervals, the
 * slots, the noise and the dialing bucket limits). A coordinator that hands a client any other
 * value for one of them, or keys of another cluster whose mixes share a signing key, presents
 * signatures that do not verify against the client's pinned descriptor.
 *
 * <p>Canonical, so that YAML formatting, key order or comments never change it:
 *
 * <pre>
 * SHA-256("sotto/v2/cluster-id" ‖ str(name) ‖ u32be(n) ‖ (str(mix name) ‖ str(signing key hex))×n
 *         ‖ u64be(round interval ms) ‖ u32be(slots) ‖ f64be(noise µ) ‖ f64be(noise b)
 *         ‖ u64be(dialing interval ms) ‖ u32be(users per bucket) ‖ u32be(max buckets)
 *         ‖ f64be(dialing noise µ) ‖ f64be(dialing noise b))
 * </pre>
 *
 * where str(s) = u16be(length of UTF-8 s) ‖ UTF-8 s, hex lowercase, and f64be an IEEE 754 double.
 */
public final class ClusterId {
  public static final int SIZE = 32;

  private ClusterId() {}

  public static byte[] of(ClusterDescriptor descriptor) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonicalBytes(descriptor));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What {@link #of} hashes. */
  public static byte[] canonicalBytes(ClusterDescriptor d) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(Labels.CLUSTER_ID);
      string(out, d.name());
      out.writeInt(d.chainLength());
      for (ClusterDescriptor.MixEntry mix : d.mixes()) {
        string(out, mix.name());
        string(out, mix.signingKey().toLowerCase(java.util.Locale.ROOT));
      }
      out.writeLong(d.roundIntervalMs());
      out.writeInt(d.slotsPerRound());
      out.writeDouble(d.noise().mu());
      out.writeDouble(d.noise().b());
      ClusterDescriptor.DialingSettings dialing = d.dialing();
      out.writeLong(dialing.roundIntervalMs());
      out.writeInt(dialing.usersPerBucket());
      out.writeInt(dialing.maxBuckets());
      out.writeDouble(dialing.noise().mu());
      out.writeDouble(dialing.noise().b());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(utf8.length);
    out.write(utf8);
  }
}
