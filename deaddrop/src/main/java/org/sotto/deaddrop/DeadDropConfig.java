package org.sotto.deaddrop;

import java.nio.file.Path;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.NodeFiles;
import org.sotto.core.config.OperatorEndpoints;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.tls.TlsFiles;

/**
 * A dead-drop shard's configuration file (see conf/deaddrop.yaml).
 *
 * @param name this shard's name in the cluster descriptor
 * @param descriptor the cluster descriptor file: it names the last mix, the only node whose
 *     exchanges the shard takes
 * @param listen address to listen on (host:port)
 * @param tls certificate, key and cluster CA for mutual TLS
 * @param maxBatch the most exchange requests one round may bring
 * @param metrics where to serve Prometheus metrics over plain HTTP; null (absent) turns them off
 * @param health where to answer plaintext gRPC health checks; null (absent) turns it off
 */
public record DeadDropConfig(String name, Path descriptor, HostPort listen, TlsFiles tls, int maxBatch,
    HostPort metrics, HostPort health) implements Validated {

  public static DeadDropConfig load(Path file) throws ConfigException {
    DeadDropConfig raw = YamlConfig.load(file, DeadDropConfig.class);
    return new DeadDropConfig(raw.name, NodeFiles.resolve(file, raw.descriptor), raw.listen,
        raw.tls.resolvedFor(file), raw.maxBatch,
        raw.metrics, raw.health);
  }

  @Override
  public List<String> problems() {
    return new YamlConfig.Problems()
        .check(name != null && !name.isBlank(), "name: this shard's name in the descriptor")
        .check(descriptor != null, "descriptor: path of the cluster descriptor")
        .check(listen != null, "listen: host:port to listen on")
        .check(tls != null, "tls: certificate, private-key and ca-certificate")
        .check(maxBatch >= 1, "max-batch: at least 1")
        .addAll("", OperatorEndpoints.problems(listen, metrics, health))
        .list();
  }
}
