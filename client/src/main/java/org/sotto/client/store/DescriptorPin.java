package org.sotto.client.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;

/**
 * Trust on first use for the cluster descriptor: the first descriptor a data folder is used with
 * is copied into it and its SHA-256 fingerprint recorded; later runs use that copy, and a
 * descriptor given again must have the same fingerprint. A changed descriptor could carry other
 * mix keys or another CA, which is exactly what an attacker who wants to read round keys would
 * hand out, so it is refused until the user says they checked it.
 */
public final class DescriptorPin {
  static final String PINNED_COPY = "descriptor.yaml";
  static final String FINGERPRINT = "descriptor-sha256";

  private DescriptorPin() {}

  /**
   * The descriptor to use with this data folder.
   *
   * @param given the descriptor named on the command line, or null to use the pinned one
   * @param trustNew replace a pinned descriptor by a different {@code given} one
   */
  public static ClusterDescriptor resolve(Path dataDir, Settings settings, Path given,
      boolean trustNew) throws SottoException {
    Path pinned = dataDir.resolve(PINNED_COPY);
    String pinnedPrint = settings.get(FINGERPRINT).orElse(null);
    try {
      if (given == null) {
        if (pinnedPrint == null) {
          throw new SottoException(Reason.INVALID, "no cluster pinned in " + dataDir
              + " yet; pass --descriptor with the descriptor.yaml your operators published");
        }
        requireSame(pinnedPrint, ClusterDescriptor.fingerprint(pinned), pinned, dataDir);
        return ClusterDescriptor.load(pinned);
      }
      if (!Files.isReadable(given)) {
        throw new SottoException(Reason.INVALID, "cannot read the descriptor " + given);
      }
      String givenPrint = ClusterDescriptor.fingerprint(given);
      if (pinnedPrint != null && !trustNew) {
        requireSame(pinnedPrint, givenPrint, given, dataDir);
      }
      ClusterDescriptor descriptor = ClusterDescriptor.load(given);
      if (!givenPrint.equals(pinnedPrint)) {
        Path tmp = Files.createTempFile(dataDir, PINNED_COPY, ".tmp");
        Files.copy(given, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, pinned, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        settings.put(FINGERPRINT, givenPrint);
      }
      return descriptor;
    } catch (IOException e) {
      throw new SottoException(Reason.INVALID, "cannot read the descriptor: " + e.getMessage(),
          e);
    } catch (ConfigException e) {
      throw new SottoException(Reason.INVALID, e.getMessage(), e);
    }
  }

  /** The SHA-256 fingerprint (hex) of the descriptor pinned in this data folder, if any. */
  public static java.util.Optional<String> pinnedFingerprint(Settings settings) {
    return settings.get(FINGERPRINT);
  }

  private static void requireSame(String pinned, String actual, Path file, Path dataDir)
      throws SottoException {
    if (!pinned.equals(actual)) {
      throw new SottoException(Reason.DESCRIPTOR_CHANGED, "the cluster descriptor " + file
          + " is not the one pinned in " + dataDir + " (pinned SHA-256 " + pinned.substring(0, 16)
          + "…, this one " + actual.substring(0, 16) + "…). A changed descriptor can carry other "
          + "mix keys; compare its full fingerprint with your operators, then rerun with "
          + "--trust-new-descriptor if they confirm it");
    }
  }
}
