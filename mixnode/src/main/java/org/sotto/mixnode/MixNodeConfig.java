package org.sotto.mixnode;

import java.nio.file.Path;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.NodeFiles;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.tls.TlsFiles;

/**
 * A mix node's configuration file (see conf/mixnode.yaml for every key, commented).
 *
 * @param name this node's name in the cluster descriptor, which fixes its place in the chain
 * @param descriptor the cluster descriptor file
 * @param listen address to listen on (host:port)
 * @param signingKey the long-term ECDSA P-256 key that signs round keys
 * @param tls certificate, key and cluster CA for mutual TLS
 * @param workers threads that peel and wrap; 0 means one per core
 * @param maxBatch the most onions one round may bring
 * @param forwardTimeoutMs how long the next hop may take to answer a batch before the round fails
 */
public record MixNodeConfig(String name, Path descriptor, HostPort listen, Path signingKey,
    TlsFiles tls, int workers, int maxBatch, long forwardTimeoutMs) implements Validated {

  public static MixNodeConfig load(Path file) throws ConfigException {
    MixNodeConfig raw = YamlConfig.load(file, MixNodeConfig.class);
    return new MixNodeConfig(raw.name, NodeFiles.resolve(file, raw.descriptor), raw.listen,
        NodeFiles.resolve(file, raw.signingKey), raw.tls.resolvedFor(file), raw.workers,
        raw.maxBatch, raw.forwardTimeoutMs);
  }

  public int effectiveWorkers() {
    return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
  }

  @Override
  public List<String> problems() {
    return new YamlConfig.Problems()
        .check(name != null && !name.isBlank(), "name: this node's name in the descriptor")
        .check(descriptor != null, "descriptor: path of the cluster descriptor")
        .check(listen != null, "listen: host:port to listen on")
        .check(signingKey != null, "signing-key: path of the ECDSA signing key")
        .check(tls != null, "tls: certificate, private-key and ca-certificate")
        .check(workers >= 0 && workers <= 1024, "workers: 0 (one per core) to 1024")
        .check(maxBatch >= 1, "max-batch: at least 1")
        .check(forwardTimeoutMs >= 100, "forward-timeout-ms: at least 100")
        .list();
  }
}
