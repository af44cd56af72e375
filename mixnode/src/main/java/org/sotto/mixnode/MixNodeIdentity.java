package org.sotto.mixnode;

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
    int position = descriptor.positionOf(config.name());
    if (position < 0) {
      throw new ConfigException(config.descriptor().toString(), List.of("mix node '"
          + config.name() + "' is not in the descriptor's chain; check 'name' in its config"));
    }
    byte[] signingKey;
    try {
      signingKey = SigningKeyFile.read(config.signingKey());
    } catch (java.io.IOException | RuntimeException e) {
      throw new ConfigException(config.signingKey().toString(), List.of("signing-key: cannot "
          + "read the signing key (" + e.getMessage() + "); it is the signing.key that "
          + "'sotto cluster init' wrote for " + config.name()));
    }
    if (!Arrays.equals(Ecdsa.publicKey(signingKey),
        descriptor.mixes().get(position).signingKeyBytes())) {
      throw new ConfigException(config.signingKey().toString(), List.of("this signing key does "
          + "not match the descriptor's key for " + config.name() + "; clients would reject it"));
    }
    return new MixNodeIdentity(position, signingKey);
  }
}
