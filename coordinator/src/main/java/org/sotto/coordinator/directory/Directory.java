package org.sotto.coordinator.directory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.core.store.SqliteDatabase;

/**
 * The coordinator's account directory: its database and secret in the data folder, and the
 * Directory gRPC service over them, served next to ClientGateway.
 */
public final class Directory implements AutoCloseable {
  private final AccountStore accounts;
  private final DirectoryService service;

  private Directory(AccountStore accounts, DirectoryService service) {
    this.accounts = accounts;
    this.service = service;
  }

  /** The longest one address waits between password guesses on one account. */
  static final Duration MAX_LOGIN_BACKOFF = Duration.ofHours(24);

  /**
   * Opens (creating on first start) the directory kept in {@code dataDir}.
   *
   * @param descriptor the cluster's descriptor: its session tickets and dialing-key epochs
   * @param ticketKey the issuer's key matching the descriptor's session tickets, null for none
   */
  public static Directory open(Path dataDir, DirectoryConfig config,
      ClusterDescriptor descriptor, TicketIssuerKey ticketKey) throws IOException {
    SqliteDatabase.createPrivateFolder(dataDir);
    SecureRandom random = new SecureRandom();
    ServerSecret secret = ServerSecret.loadOrCreate(dataDir, random);
    AccountStore accounts = AccountStore.open(dataDir);
    Ticker ticker = Ticker.systemTicker();
    Duration lockout = Duration.ofSeconds(config.lockoutSeconds());
    DirectoryService.Limits limits = new DirectoryService.Limits(
        new FailureBackoff(config.maxFailedLogins(), lockout, MAX_LOGIN_BACKOFF, 1_000_000,
            ticker),
        new AttemptLimiter(config.maxFailedLoginsPerAddress(), lockout, 1_000_000, ticker),
        new AttemptLimiter(config.requestsPerMinutePerAddress(), Duration.ofMinutes(1),
            1_000_000, ticker),
        new AttemptLimiter(config.registrationsPerHourPerAddress(), Duration.ofHours(1),
            1_000_000, ticker));
    SessionTokens sessions = new SessionTokens(Duration.ofSeconds(config.sessionTtlSeconds()),
        ticker, random);
    SessionTicketSettings tickets = descriptor.sessionTickets();
    SessionTicketIssuer issuer = tickets == null ? null
        : new SessionTicketIssuer(ticketKey, tickets, accounts, Clock.systemUTC());
    return new Directory(accounts, new DirectoryService(accounts, secret, config, sessions,
        limits, issuer, new DialingKeyDirectory(accounts, descriptor.dialing(),
            Clock.systemUTC())));
  }

  /** The gRPC service, with the caller's address made available for rate limits. */
  public BindableService service() {
    return () -> ServerInterceptors.intercept(service, new RemoteAddress());
  }

  /** Registered accounts. */
  public long accounts() {
    return accounts.count();
  }

  @Override
  public void close() {
    accounts.close();
  }
}
