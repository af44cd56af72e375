package org.sotto.mixnode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.SigningKeyFile;

/**
 * Who this mix is in the cluster: its place in the descriptor's chain and its long-term signing
 * key, checked to be the key the descriptor (and so every client) expects. Start-up and
 * {@code sotto config check} both go through here.
 */
public record MixNodeIdentity(int position, byte[] signingKey) {

  public static MixNodeIdentity of(MixNodeConfig config, ClusterDescriptor descriptor)
      throws ConfigException {
    return of(config.name(), config.signingKey(), config.descriptor(), descriptor);
  }

  /**
   * @param name the mix's name in its config
   * @param signingKeyFile its signing key, path resolved
   * @param descriptorFile where {@code descriptor} was read from, for messages
   */
  public static MixNodeIdentity of(String name, Path signingKeyFile, Path descriptorFile,
      ClusterDescriptor descriptor) throws ConfigException {
    int position = descriptor.positionOf(name);
    if (position < 0) {
      throw new ConfigException(descriptorFile.toString(), List.of("mix node '" + name
          + "' is not in the descriptor's chain; check 'name' in its config"));
    }
    byte[] signingKey;
    try {
      signingKey = SigningKeyFile.read(signingKeyFile);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(signingKeyFile.toString(), List.of("signing-key: cannot read "
          + signingKeyFile + " (" + e.getMessage() + "); it is the signing.key that "
          + "'sotto cluster init' wrote for " + name));
    }
    if (!Arrays.equals(Ecdsa.publicKey(signingKey),
        descriptor.mixes().get(position).signingKeyBytes())) {
      throw new ConfigException(signingKeyFile.toString(), List.of("signing-key: "
          + signingKeyFile + " does not match the descriptor's key for " + name
          + "; clients would reject its round keys (is 'name' right?)"));
    }
    return new MixNodeIdentity(position, signingKey);
  }
}
