package org.sotto.core.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.NodeFiles;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;

/**
 * Where a node finds its TLS identity: its certificate chain and PKCS#8 private key (PEM), and the
 * cluster CA certificate it trusts.
 */
public record TlsFiles(Path certificate, Path privateKey, Path caCertificate) implements Validated {

  @Override
  public List<String> problems() {
    return new YamlConfig.Problems()
        .check(certificate != null && Files.isReadable(certificate),
            "tls.certificate: cannot read " + certificate + " (run 'sotto cluster init')")
        .check(privateKey != null && Files.isReadable(privateKey),
            "tls.private-key: cannot read " + privateKey)
        .check(caCertificate != null && Files.isReadable(caCertificate),
            "tls.ca-certificate: cannot read " + caCertificate)
        .list();
  }

  /**
   * The same files with relative paths resolved against the folder of {@code configFile}, checked
   * to be readable.
   *
   * @throws ConfigException naming each file that cannot be read
   */
  public TlsFiles resolvedFor(Path configFile) throws ConfigException {
    TlsFiles resolved = new TlsFiles(NodeFiles.resolve(configFile, certificate),
        NodeFiles.resolve(configFile, privateKey), NodeFiles.resolve(configFile, caCertificate));
    if (!resolved.problems().isEmpty()) {
      throw new ConfigException(configFile.toString(), resolved.problems());
    }
    return resolved;
  }
}
