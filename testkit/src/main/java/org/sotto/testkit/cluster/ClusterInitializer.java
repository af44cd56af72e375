package org.sotto.testkit.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import org.sotto.coordinator.CoordinatorConfig;
import org.sotto.coordinator.directory.DirectoryConfig;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.SigningKeyFile;
import org.sotto.core.tls.ClusterCa;
import org.sotto.core.tls.ClusterPeer;
import org.sotto.core.tls.TlsFiles;
import org.sotto.deaddrop.DeadDropConfig;
import org.sotto.mixnode.MixNodeConfig;

/**
 * Lays out a new cluster: a CA, a TLS certificate per node, a long-term signing key per mix, a
 * config file per node and the descriptor clients pin. Paths inside configs are relative, so the
 * folder can be copied to the hosts as it is.
 */
public final class ClusterInitializer {
  private static final Path DESCRIPTOR = Path.of("..", "descriptor.yaml");
  /** The session-ticket issuer's private key, in the coordinator's folder. */
  private static final Path TICKET_KEY = Path.of("session-tickets.key");
  private static final Path CA = Path.of("..", "ca", "ca.crt");
  private static final Path CERT = Path.of("tls.crt");
  private static final Path KEY = Path.of("tls.key");

  private ClusterInitializer() {}

  public static ClusterFiles write(ClusterSpec spec, Path out)
      throws IOException, GeneralSecurityException {
    if (Files.exists(out.resolve("descriptor.yaml"))) {
      throw new IOException(out + " already holds a cluster; choose an empty folder");
    }
    SecureRandom random = new SecureRandom();
    ClusterFiles files = new ClusterFiles(out, spec.mixHosts().size(),
        spec.deadDropHosts().size());
    ClusterCa ca = ClusterCa.create(spec.name(), random);
    ClusterCa.writePem(files.caCertificate(), ClusterCa.toPem(ca.certificate()), false);
    ClusterCa.writePem(out.resolve("ca").resolve("ca.key"), ClusterCa.pkcs8Pem(ca.privateKey()),
        true);
    TlsFiles tls = new TlsFiles(CERT, KEY, CA);

    ca.issue(ClusterPeer.coordinator(), hosts(spec.coordinatorHost()))
        .writeTo(files.coordinatorConfig().getParent());
    YamlConfig.write(files.coordinatorConfig(), new CoordinatorConfig(DESCRIPTOR,
        spec.listen(0, spec.coordinatorHost()), tls,
        Math.max(10_000, spec.roundIntervalMs() * 5), 100_000,
        CoordinatorConfig.DEFAULT_ANONYMOUS_SESSIONS,
        CoordinatorConfig.DEFAULT_SESSIONS_PER_ADDRESS, TICKET_KEY, spec.coordinatorDataDir(),
        DirectoryConfig.DEFAULTS, spec.metrics(0, spec.coordinatorHost()),
        spec.health(0, spec.coordinatorHost())));

    List<ClusterDescriptor.MixEntry> mixes = new ArrayList<>();
    for (int i = 0; i < files.mixes(); i++) {
      String name = ClusterFiles.mixName(i);
      Path dir = files.mixConfig(i).getParent();
      HostPort address = new HostPort(spec.mixHosts().get(i), spec.mixPort(i));
      ca.issue(ClusterPeer.mix(name), hosts(address.host())).writeTo(dir);
      Ecdsa.KeyPair signing = Ecdsa.generate(random);
      SigningKeyFile.write(dir.resolve("signing.key"), signing.privateKey());
      mixes.add(new ClusterDescriptor.MixEntry(name, address,
          HexFormat.of().formatHex(signing.publicKey())));
      YamlConfig.write(files.mixConfig(i), new MixNodeConfig(name, DESCRIPTOR,
          spec.listen(1 + i, address.host()),
          Path.of("signing.key"), tls, 0, 1_000_000, Math.max(10_000, spec.roundIntervalMs() * 4),
          spec.metrics(1 + i, address.host()), spec.health(1 + i, address.host())));
    }
    List<ClusterDescriptor.DeadDropEntry> deadDrops = new ArrayList<>();
    for (int i = 0; i < files.deadDrops(); i++) {
      String name = ClusterFiles.deadDropName(i);
      HostPort address = new HostPort(spec.deadDropHosts().get(i), spec.deadDropPort(i));
      ca.issue(ClusterPeer.deadDrop(name), hosts(address.host()))
          .writeTo(files.deadDropConfig(i).getParent());
      deadDrops.add(new ClusterDescriptor.DeadDropEntry(name, address));
      int node = 1 + files.mixes() + i;
      YamlConfig.write(files.deadDropConfig(i), new DeadDropConfig(name, DESCRIPTOR,
          spec.listen(node, address.host()), tls,
          2_000_000, spec.metrics(node, address.host()), spec.health(node, address.host())));
    }
    TicketIssuerKey ticketKey = TicketIssuerKey.generate(random);
    ticketKey.write(files.coordinatorConfig().resolveSibling(TICKET_KEY));
    ClusterDescriptor descriptor = new ClusterDescriptor(spec.name(),
        new HostPort(spec.coordinatorHost(), spec.ports().get(0)), mixes, deadDrops,
        ClusterCa.toPem(ca.certificate()), spec.roundIntervalMs(), spec.slotsPerRound(),
        new ClusterDescriptor.NoiseSettings(spec.noiseMu(), spec.noiseB()), spec.dialing(),
        new ClusterDescriptor.SessionTicketSettings(ticketKey.publicKey().hex(),
            ClusterDescriptor.SessionTicketSettings.DEFAULT_EPOCH_SECONDS,
            ClusterDescriptor.SessionTicketSettings.DEFAULT_PER_ACCOUNT));
    List<String> problems = descriptor.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cluster settings: " + String.join("; ", problems));
    }
    YamlConfig.write(files.descriptor(), descriptor);
    return files;
  }

  /** The names a node's certificate is valid for: its host, and loopback for local tools. */
  private static List<String> hosts(String host) {
    LinkedHashSet<String> names = new LinkedHashSet<>(List.of(host, "localhost", "127.0.0.1"));
    return List.copyOf(names);
  }
}
