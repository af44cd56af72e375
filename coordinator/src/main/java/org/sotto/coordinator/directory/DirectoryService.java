package org.sotto.coordinator.directory;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.account.Usernames;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.store.StorageException;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.proto.DirectoryRecord;
import org.sotto.proto.GetLoginParametersRequest;
import org.sotto.proto.GetLoginParametersResponse;
import org.sotto.proto.IdentityKeys;
import org.sotto.proto.IssueSessionTicketsRequest;
import org.sotto.proto.IssueSessionTicketsResponse;
import org.sotto.proto.LoginRequest;
import org.sotto.proto.LoginResponse;
import org.sotto.proto.LogoutRequest;
import org.sotto.proto.LogoutResponse;
import org.sotto.proto.LookupUserRequest;
import org.sotto.proto.LookupUserResponse;
import org.sotto.proto.PasswordKdf;
import org.sotto.proto.PasswordStretching;
import org.sotto.proto.PublishDialingKeysRequest;
import org.sotto.proto.PublishDialingKeysResponse;
import org.sotto.proto.RegisterRequest;
import org.sotto.proto.RegisterResponse;
import org.sotto.proto.SyncDialingKeysRequest;
import org.sotto.proto.SyncDialingKeysResponse;
import org.sotto.proto.SyncDirectoryRequest;
import org.sotto.proto.SyncDirectoryResponse;
import org.sotto.proto.UpdateKeyBackupRequest;
import org.sotto.proto.UpdateKeyBackupResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Directory gRPC service (directory.proto): accounts, logins, key backups, and the public
 * records every client mirrors (SyncDirectory). The password never arrives here, only an auth key derived from it, which is checked
 * against a peppered verifier; see {@link ServerSecret}.
 *
 * <p>Nothing it logs names a user or carries key material: the coordinator's log must not become
 * a record of who logged in when.
 */
final class DirectoryService extends DirectoryGrpc.DirectoryImplBase {
  private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);
  static final int AUTH_KEY_BYTES = 32;
  static final int MAX_BACKUP_BYTES = 4096;
  /** Records per SyncDirectory answer: about 200 KB, well under a gRPC message's limit. */
  static final int SYNC_PAGE = 1000;
  /** Names that would let someone pass for the service or its operators. */
  static final Set<String> RESERVED = Set.of("sotto", "admin", "administrator", "root", "system",
      "support", "operator", "coordinator", "security", "help");

  private final AccountStore accounts;
  private final ServerSecret secret;
  private final DirectoryConfig config;
  private final SessionTokens sessions;
  private final Limits limits;
  /** Null when the cluster issues no session tickets. */
  private final SessionTicketIssuer tickets;
  private final DialingKeyDirectory dialingKeys;
  /** Compared against for unknown users, so they cost the same time as known ones. */
  private final byte[] dummyVerifier = new byte[32];

  /** The rate limits of one directory. */
  record Limits(FailureBackoff failedLoginsPerAccountAtAddress,
      AttemptLimiter failedLoginsPerAddress,
      AttemptLimiter requestsPerAddress, AttemptLimiter registrationsPerAddress) {}

  DirectoryService(AccountStore accounts, ServerSecret secret, DirectoryConfig config,
      SessionTokens sessions, Limits limits, SessionTicketIssuer tickets,
      DialingKeyDirectory dialingKeys) {
    this.accounts = accounts;
    this.tickets = tickets;
    this.dialingKeys = dialingKeys;
    this.secret = secret;
    this.config = config;
    this.sessions = sessions;
    this.limits = limits;
  }

  /** The key of password checks for one account from one address. */
  private static String accountAtAddress(String name, String address) {
    return name + " from " + address;
  }

  @Override
  public void getLoginParameters(GetLoginParametersRequest request,
      StreamObserver<GetLoginParametersResponse> response) {
    answer(response, () -> {
      throttleRequest();
      String name = canonical(request.getUsername());
      PasswordStretching stretching = accounts.find(name)
          .map(a -> stretching(a.salt(), a.argon2()))
          .orElseGet(() -> stretching(secret.saltFor(name), config.argon2()));
      return GetLoginParametersResponse.newBuilder().setStretching(stretching).build();
    });
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
    answer(response, () -> {
      throttleRequest();
      String name = canonical(request.getUsername());
      if (RESERVED.contains(name)) {
        throw refuse(Status.INVALID_ARGUMENT, "username: '" + name + "' is reserved; choose "
            + "another");
      }
      String address = RemoteAddress.current();
      long wait = limits.registrationsPerAddress().retryAfterSeconds(address);
      if (wait > 0) {
        throw refuse(Status.RESOURCE_EXHAUSTED, "too many registrations from this address; "
            + "retry in " + wait + " s");
      }
      PasswordStretching expected = stretching(secret.saltFor(name), config.argon2());
      if (!expected.equals(request.getStretching())) {
        throw refuse(Status.INVALID_ARGUMENT, "stretching: not the parameters this directory "
            + "gives for '" + name + "'; call GetLoginParameters and use its answer unchanged");
      }
      requireAuthKey("auth_key", request.getAuthKey());
      requireBackup(request.getEncryptedKeyBackup());
      IdentityKeys keys = request.getIdentityKeys();
      try {
        IdentityBinding.verify(name, keys.getSigningPublicKey().toByteArray(),
            keys.getX25519PublicKey().toByteArray(), request.getIdentitySignature().toByteArray());
      } catch (RejectedInputException e) {
        throw refuse(Status.INVALID_ARGUMENT, "identity_keys / identity_signature: "
            + e.getMessage());
      }
      Account account = new Account(name, expected.getSalt().toByteArray(), config.argon2(),
          secret.verifier(name, request.getAuthKey().toByteArray()),
          keys.getSigningPublicKey().toByteArray(), keys.getX25519PublicKey().toByteArray(),
          request.getIdentitySignature().toByteArray(),
          request.getEncryptedKeyBackup().toByteArray(), 1);
      if (!accounts.insert(account)) {
        throw refuse(Status.ALREADY_EXISTS, "username '" + name + "' is taken; choose another");
      }
      // Counted only once the account is stored: a refused or failed attempt (a taken name, bad
      // input, a full disk) must not spend the address's quota. Every attempt still counts
      // against the per-address request limit above.
      limits.registrationsPerAddress().record(address);
      log.info("account registered ({} in total)", accounts.count());
      SessionTokens.Issued session = sessions.issue(name);
      return RegisterResponse.newBuilder().setSessionToken(session.token())
          .setSessionExpiresUnixMs(session.expiresUnixMs()).setBackupVersion(1).build();
    });
  }

  @Override
  public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
    answer(response, () -> {
      throttleRequest();
      String name = canonical(request.getUsername());
      requireAuthKey("auth_key", request.getAuthKey());
      String address = RemoteAddress.current();
      String attempt = accountAtAddress(name, address);
      // Checked before the key, so a blocked attempt is no password oracle. Per account *at this
      // address*: failures from elsewhere never block the owner (FailureBackoff explains why).
      long wait = Math.max(limits.failedLoginsPerAccountAtAddress().retryAfterSeconds(attempt),
          limits.failedLoginsPerAddress().retryAfterSeconds(address));
      if (wait > 0) {
        throw refuse(Status.RESOURCE_EXHAUSTED, "too many failed logins; retry in " + wait
            + " s");
      }
      Optional<Account> found = accounts.find(name);
      if (!verifies(name, found, request.getAuthKey().toByteArray())) {
        limits.failedLoginsPerAccountAtAddress().failed(attempt);
        limits.failedLoginsPerAddress().record(address);
        log.debug("failed login");
        throw refuse(Status.UNAUTHENTICATED, "wrong username or password");
      }
      limits.failedLoginsPerAccountAtAddress().succeeded(attempt);
      Account a = found.get();
      SessionTokens.Issued session = sessions.issue(name);
      return LoginResponse.newBuilder().setSessionToken(session.token())
          .setSessionExpiresUnixMs(session.expiresUnixMs())
          .setEncryptedKeyBackup(ByteString.copyFrom(a.keyBackup()))
          .setBackupVersion(a.backupVersion())
          .setIdentityKeys(identityKeys(a)).build();
    });
  }

  @Override
  public void updateKeyBackup(UpdateKeyBackupRequest request,
      StreamObserver<UpdateKeyBackupResponse> response) {
    answer(response, () -> {
      throttleRequest();
      String name = sessions.owner(request.getSessionToken());
      if (name == null) {
        throw refuse(Status.UNAUTHENTICATED, "the session is unknown or expired; log in again");
      }
      requireBackup(request.getEncryptedKeyBackup());
      Account account = accounts.find(name).orElseThrow(() ->
          refuse(Status.UNAUTHENTICATED, "the account no longer exists"));
      Argon2Settings newArgon2 = null;
      byte[] newVerifier = null;
      boolean change = request.hasNewStretching();
      if (change != (!request.getNewAuthKey().isEmpty())
          || change != (!request.getCurrentAuthKey().isEmpty())) {
        throw refuse(Status.INVALID_ARGUMENT, "a password change sets new_stretching, "
            + "new_auth_key and current_auth_key together; a backup update sets none of them");
      }
      if (change) {
        String attempt = accountAtAddress(name, RemoteAddress.current());
        long wait = limits.failedLoginsPerAccountAtAddress().retryAfterSeconds(attempt);
        if (wait > 0) {
          throw refuse(Status.RESOURCE_EXHAUSTED, "too many failed password checks; retry in "
              + wait + " s");
        }
        requireAuthKey("current_auth_key", request.getCurrentAuthKey());
        requireAuthKey("new_auth_key", request.getNewAuthKey());
        if (!verifies(name, Optional.of(account), request.getCurrentAuthKey().toByteArray())) {
          limits.failedLoginsPerAccountAtAddress().failed(attempt);
          throw refuse(Status.UNAUTHENTICATED, "current_auth_key: wrong current password");
        }
        newArgon2 = argon2Of(request.getNewStretching(), account.salt());
        newVerifier = secret.verifier(name, request.getNewAuthKey().toByteArray());
      }
      long version = accounts.updateBackup(name, request.getExpectedBackupVersion(),
          request.getEncryptedKeyBackup().toByteArray(), newArgon2, newVerifier)
          .orElseThrow(() -> refuse(Status.ABORTED, "another device updated the backup first "
              + "(expected version " + request.getExpectedBackupVersion() + "); log in again to "
              + "fetch the current one, then retry"));
      if (change) {
        sessions.revokeOthers(name, request.getSessionToken());
      }
      return UpdateKeyBackupResponse.newBuilder().setBackupVersion(version).build();
    });
  }

  @Override
  public void logout(LogoutRequest request, StreamObserver<LogoutResponse> response) {
    answer(response, () -> {
      throttleRequest();
      sessions.revoke(request.getSessionToken(), request.getEverywhere());
      return LogoutResponse.getDefaultInstance();
    });
  }

  /** Deprecated in directory.proto: no client calls it; kept for tools and older clients. */
  @Override
  @SuppressWarnings("deprecation")
  public void lookupUser(LookupUserRequest request, StreamObserver<LookupUserResponse> response) {
    answer(response, () -> {
      throttleRequest();
      String name = canonical(request.getUsername());
      Account a = accounts.find(name).orElseThrow(() ->
          refuse(Status.NOT_FOUND, "no user named '" + name + "'; check the spelling"));
      return LookupUserResponse.newBuilder().setUsername(name).setIdentityKeys(identityKeys(a))
          .setIdentitySignature(ByteString.copyFrom(a.identitySignature())).build();
    });
  }

  /**
   * The accounts registered after the client's last sequence number. Not throttled per address
   * (directory.proto says why); its cost is bounded by {@link #SYNC_PAGE} records per call.
   */
  @Override
  public void syncDirectory(SyncDirectoryRequest request,
      StreamObserver<SyncDirectoryResponse> response) {
    answer(response, () -> page(request.getAfterSequence(), SYNC_PAGE));
  }

  @Override
  public void issueSessionTickets(IssueSessionTicketsRequest request,
      StreamObserver<IssueSessionTicketsResponse> response) {
    answer(response, () -> {
      throttleRequest();
      if (tickets == null) {
        throw refuse(Status.FAILED_PRECONDITION, "this cluster issues no session tickets; "
            + "connect without one");
      }
      String name = canonical(request.getUsername());
      return tickets.issue(name, accounts.find(name), request);
    });
  }

  @Override
  public void publishDialingKeys(PublishDialingKeysRequest request,
      StreamObserver<PublishDialingKeysResponse> response) {
    answer(response, () -> {
      throttleRequest();
      dialingKeys.publish(request);
      return PublishDialingKeysResponse.getDefaultInstance();
    });
  }

  /** Not throttled per address, for the reasons of {@link #syncDirectory}. */
  @Override
  public void syncDialingKeys(SyncDialingKeysRequest request,
      StreamObserver<SyncDialingKeysResponse> response) {
    answer(response, () -> dialingKeys.sync(request.getAfterSequence()));
  }

  /** Up to {@code size} records after {@code afterSequence}, and whether more follow. */
  SyncDirectoryResponse page(long afterSequence, int size) {
    // One more than a page, to know whether another page follows without a second query.
    List<AccountStore.Registration> found = accounts.registeredAfter(afterSequence, size + 1);
    SyncDirectoryResponse.Builder page = SyncDirectoryResponse.newBuilder()
        .setMore(found.size() > size);
    for (AccountStore.Registration r : found.subList(0, Math.min(size, found.size()))) {
      page.addRecords(DirectoryRecord.newBuilder().setSequence(r.sequence())
          .setUsername(r.username())
          .setIdentityKeys(IdentityKeys.newBuilder()
              .setSigningPublicKey(ByteString.copyFrom(r.signingPublicKey()))
              .setX25519PublicKey(ByteString.copyFrom(r.x25519PublicKey())))
          .setIdentitySignature(ByteString.copyFrom(r.identitySignature())));
    }
    return page.build();
  }

  private boolean verifies(String name, Optional<Account> account, byte[] authKey) {
    byte[] presented = secret.verifier(name, authKey);
    byte[] stored = account.map(Account::verifier).orElse(dummyVerifier);
    return ConstantTime.equals(presented, stored) && account.isPresent();
  }

  private Argon2Settings argon2Of(PasswordStretching s, byte[] accountSalt)
      throws StatusException {
    Argon2Settings a = new Argon2Settings(s.getMemoryKib(), s.getIterations(),
        s.getParallelism());
    if (s.getKdf() != PasswordKdf.PASSWORD_KDF_ARGON2ID) {
      throw refuse(Status.INVALID_ARGUMENT, "new_stretching.kdf: only Argon2id is supported");
    }
    if (!a.problems().isEmpty() || !a.atLeast(config.argon2Minimum())) {
      throw refuse(Status.INVALID_ARGUMENT, "new_stretching: " + a + " is below this "
          + "directory's minimum " + config.argon2Minimum() + " or out of range");
    }
    if (!ConstantTime.equals(s.getSalt().toByteArray(), accountSalt)) {
      throw refuse(Status.INVALID_ARGUMENT, "new_stretching.salt: must stay the account's salt");
    }
    return a;
  }

  private void throttleRequest() throws StatusException {
    long wait = limits.requestsPerAddress().acquire(RemoteAddress.current());
    if (wait > 0) {
      throw refuse(Status.RESOURCE_EXHAUSTED, "too many directory requests from this address; "
          + "retry in " + wait + " s");
    }
  }

  private static String canonical(String username) throws StatusException {
    String problem = Usernames.problem(username);
    if (problem != null) {
      throw refuse(Status.INVALID_ARGUMENT, "username: " + problem);
    }
    return username;
  }

  private static void requireAuthKey(String field, ByteString key) throws StatusException {
    if (key.size() != AUTH_KEY_BYTES) {
      throw refuse(Status.INVALID_ARGUMENT, field + ": must be " + AUTH_KEY_BYTES + " bytes, got "
          + key.size());
    }
  }

  private static void requireBackup(ByteString backup) throws StatusException {
    if (backup.isEmpty() || backup.size() > MAX_BACKUP_BYTES) {
      throw refuse(Status.INVALID_ARGUMENT, "encrypted_key_backup: 1 to " + MAX_BACKUP_BYTES
          + " bytes, got " + backup.size());
    }
  }

  private static PasswordStretching stretching(byte[] salt, Argon2Settings a) {
    return PasswordStretching.newBuilder().setKdf(PasswordKdf.PASSWORD_KDF_ARGON2ID)
        .setSalt(ByteString.copyFrom(salt)).setMemoryKib(a.memoryKib())
        .setIterations(a.iterations()).setParallelism(a.parallelism()).build();
  }

  private static IdentityKeys identityKeys(Account a) {
    return IdentityKeys.newBuilder()
        .setSigningPublicKey(ByteString.copyFrom(a.signingPublicKey()))
        .setX25519PublicKey(ByteString.copyFrom(a.x25519PublicKey())).build();
  }

  private static StatusException refuse(Status status, String message) {
    return status.withDescription(message).asException();
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws StatusException;
  }

  /**
   * Answers with what {@code work} returns. A refusal or a database failure is thrown on, and
   * becomes the caller's status in one place, core's StatusMapping.
   */
  private static <T> void answer(StreamObserver<T> response, Work<T> work) {
    T result;
    try {
      result = work.run();
    } catch (StatusException e) {
      throw e.getStatus().asRuntimeException(e.getTrailers());
    }
    response.onNext(result);
    response.onCompleted();
  }
}
