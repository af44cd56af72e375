package org.sotto.coordinator.directory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.core.store.SqliteDatabase;

/**
 * The coordinator's account directory: its database and secret in the data folder, and the
 * Directory gRPC service over them, served next to ClientGateway.
 */
public final class Directory implements AutoCloseable {
  private final AccountStore accounts;
  private final DirectoryService service;
  private final List<CallListener> callListeners = new CopyOnWriteArrayList<>();

  /**
   * Told of every call the directory receives: which method, from which connection. For tests
   * and audits that check what clients reveal to the directory (docs/protocol.md §15.7); the
   * coordinator itself keeps no such record.
   */
  @FunctionalInterface
  public interface CallListener {
    /**
     * @param method the method's name, e.g. "SyncDirectory"
     * @param remote the caller's address and port (one per client connection)
     */
    void called(String method, SocketAddress remote);
  }

  private Directory(AccountStore accounts, DirectoryService service) {
    this.accounts = accounts;
    this.service = service;
  }

  /** The longest one address waits between password guesses on one account. */
  static final Duration MAX_LOGIN_BACKOFF = Duration.ofHours(24);

  /** Opens (creating on first start) the directory kept in {@code dataDir}. */
  public static Directory open(Path dataDir, DirectoryConfig config) throws IOException {
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
    return new Directory(accounts, new DirectoryService(accounts, secret, config, sessions,
        limits));
  }

  /**
   * The gRPC service, with the caller's address made available for rate limits and every call
   * reported to the {@link CallListener}s.
   */
  public BindableService service() {
    return () -> ServerInterceptors.intercept(service, new RemoteAddress(), new Reporter());
  }

  public void addCallListener(CallListener listener) {
    callListeners.add(listener);
  }

  /** Reports each call as it arrives, before the service answers it. */
  private final class Reporter implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      if (!callListeners.isEmpty()) {
        String method = call.getMethodDescriptor().getBareMethodName();
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        callListeners.forEach(l -> l.called(method, remote));
      }
      return next.startCall(call, headers);
    }
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
