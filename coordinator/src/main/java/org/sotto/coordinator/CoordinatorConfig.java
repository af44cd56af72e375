package org.sotto.coordinator;

import java.nio.file.Path;
import java.util.List;
import org.sotto.coordinator.directory.DirectoryConfig;
import org.sotto.core.config.ConfigException;
import org.sotto.core.config.HostPort;
import org.sotto.core.config.NodeFiles;
import org.sotto.core.config.OperatorEndpoints;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.tls.TlsFiles;

/**
 * The coordinator's configuration file (see conf/coordinator.yaml).
 *
 * @param descriptor the cluster descriptor: chain, round interval, slots per round
 * @param listen address clients connect to (host:port), TLS 1.3
 * @param tls certificate and key shown to clients and to mixes (mutual TLS), and the cluster CA
 * @param hopTimeoutMs how long the chain may take for a round's batch before the round is aborted
 * @param maxClients the most client sessions served at once
 * @param maxAnonymousSessions the most sessions without a session ticket at once;
 *     {@value #DEFAULT_ANONYMOUS_SESSIONS} when absent. Sessions with a ticket are not counted
 *     here, so hosts flooding the coordinator with anonymous sessions cannot lock out the users
 *     who have accounts
 * @param maxSessionsPerAddress the most anonymous sessions from one IP address at once, so one
 *     host cannot take every anonymous session; {@value #DEFAULT_SESSIONS_PER_ADDRESS} when absent
 *     (a household or small office behind one NAT address)
 * @param sessionTicketKey the session-ticket issuer's key file that cluster init wrote, required
 *     when the descriptor has session-tickets, absent otherwise
 * @param dataDir folder of the coordinator's durable state: the accounts database, the last round numbers and the
 *     directory's secret (back both up together)
 * @param directory accounts: password stretching, sessions, rate limits; defaults when absent
 * @param metrics where to serve Prometheus metrics over plain HTTP; null (absent) turns them off
 * @param health where to answer plaintext gRPC health checks; null (absent) turns it off
 * @param openTimeoutMs how long one mix may take to open a round (one OpenRound) before the
 *     round is aborted; 0 (or absent, the default) sizes it from each mix's measured latency
 *     instead, between a round interval (at least 2 s) and {@code hopTimeoutMs}
 */
public record CoordinatorConfig(Path descriptor, HostPort listen, TlsFiles tls, long hopTimeoutMs,
    int maxClients, Integer maxAnonymousSessions, Integer maxSessionsPerAddress,
    Path sessionTicketKey, Path dataDir, DirectoryConfig directory, HostPort metrics,
    HostPort health, long openTimeoutMs) implements Validated {

  /** A configuration whose open deadlines are sized from measured latency. */
  public CoordinatorConfig(Path descriptor, HostPort listen, TlsFiles tls, long hopTimeoutMs,
      int maxClients, Integer maxAnonymousSessions, Integer maxSessionsPerAddress,
      Path sessionTicketKey, Path dataDir, DirectoryConfig directory, HostPort metrics,
      HostPort health) {
    this(descriptor, listen, tls, hopTimeoutMs, maxClients, maxAnonymousSessions,
        maxSessionsPerAddress, sessionTicketKey, dataDir, directory, metrics, health, 0);
  }

  public static final int DEFAULT_SESSIONS_PER_ADDRESS = 32;
  public static final int DEFAULT_ANONYMOUS_SESSIONS = 1000;

  public static CoordinatorConfig load(Path file) throws ConfigException {
    CoordinatorConfig raw = YamlConfig.load(file, CoordinatorConfig.class);
    return new CoordinatorConfig(NodeFiles.resolve(file, raw.descriptor), raw.listen,
        raw.tls.resolvedFor(file), raw.hopTimeoutMs, raw.maxClients,
        raw.maxAnonymousSessions == null ? DEFAULT_ANONYMOUS_SESSIONS
            : raw.maxAnonymousSessions,
        raw.maxSessionsPerAddress == null ? DEFAULT_SESSIONS_PER_ADDRESS
            : raw.maxSessionsPerAddress,
        raw.sessionTicketKey == null ? null : NodeFiles.resolve(file, raw.sessionTicketKey),
        NodeFiles.resolve(file, raw.dataDir),
        raw.directory == null ? DirectoryConfig.DEFAULTS : raw.directory, raw.metrics,
        raw.health, raw.openTimeoutMs);
  }

  @Override
  public List<String> problems() {
    return new YamlConfig.Problems()
        .check(descriptor != null, "descriptor: path of the cluster descriptor")
        .check(listen != null, "listen: host:port clients connect to")
        .check(tls != null, "tls: certificate, private-key and ca-certificate")
        .check(hopTimeoutMs >= 100, "hop-timeout-ms: at least 100")
        .check(openTimeoutMs == 0 || openTimeoutMs >= 100 && openTimeoutMs <= hopTimeoutMs,
            "open-timeout-ms: at least 100 and at most hop-timeout-ms (" + hopTimeoutMs
                + "), or 0 to size it from each mix's measured latency")
        .check(maxClients >= 1, "max-clients: at least 1")
        .check(maxAnonymousSessions == null || maxAnonymousSessions >= 0,
            "max-anonymous-sessions: at least 0 (0: every session needs a ticket)")
        .check(maxSessionsPerAddress == null || maxSessionsPerAddress >= 1,
            "max-sessions-per-address: at least 1")
        .check(dataDir != null, "data-dir: folder for the accounts database (created if absent)")
        .addAll("", directory == null ? List.of() : directory.problems())
        .addAll("", OperatorEndpoints.problems(listen, metrics, health))
        .list();
  }

  /** This configuration with other limits on sessions without a ticket. */
  public CoordinatorConfig withAnonymousSessionLimits(int anonymous, int perAddress) {
    return new CoordinatorConfig(descriptor, listen, tls, hopTimeoutMs, maxClients, anonymous,
        perAddress, sessionTicketKey, dataDir, directory, metrics, health, openTimeoutMs);
  }
}
