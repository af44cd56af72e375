package org.sotto.coordinator.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.account.IdentityBinding;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.dialing.DialingKey;
import org.sotto.proto.DirectoryRecord;
import org.sotto.proto.GetLoginParametersRequest;
import org.sotto.proto.GetLoginParametersResponse;
import org.sotto.proto.IdentityKeys;
import org.sotto.proto.LoginRequest;
import org.sotto.proto.LoginResponse;
import org.sotto.proto.LogoutRequest;
import org.sotto.proto.LookupUserRequest;
import org.sotto.proto.LookupUserResponse;
import org.sotto.proto.PasswordStretching;
import org.sotto.proto.PublishDialingKeysRequest;
import org.sotto.proto.RegisterRequest;
import org.sotto.proto.RegisterResponse;
import org.sotto.proto.SyncDialingKeysRequest;
import org.sotto.proto.SyncDialingKeysResponse;
import org.sotto.proto.SyncDirectoryRequest;
import org.sotto.proto.SyncDirectoryResponse;
import org.sotto.proto.UpdateKeyBackupRequest;
import org.sotto.proto.UpdateKeyBackupResponse;

class DirectoryServiceTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DirectoryConfig CONFIG = new DirectoryConfig(
      new Argon2Settings(8192, 1, 1), new Argon2Settings(1024, 1, 1), 3600, 3, 10, 60, 1000, 50);

  /** The middle of key epoch {@value #EPOCH} (one-day epochs). */
  private static final long EPOCH = 20_000;
  private static final Instant NOW = Instant.ofEpochSecond(EPOCH * 86_400 + 43_200);

  @TempDir
  Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private AccountStore store;
  private DirectoryService service;

  @BeforeEach
  void open() throws Exception {
    service = newService();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private DirectoryService newService() throws Exception {
    return newService(new AttemptLimiter(50, Duration.ofHours(1), 100, ticker));
  }

  private DirectoryService newService(AttemptLimiter registrationsPerAddress) throws Exception {
    store = AccountStore.open(dir);
    ServerSecret secret = ServerSecret.loadOrCreate(dir, RANDOM);
    Duration lockout = Duration.ofSeconds(CONFIG.lockoutSeconds());
    return new DirectoryService(store, secret, CONFIG,
        new SessionTokens(Duration.ofHours(1), ticker, RANDOM),
        new DirectoryService.Limits(
            new FailureBackoff(3, lockout, Duration.ofHours(24), 100, ticker),
            new AttemptLimiter(10, lockout, 100, ticker),
            new AttemptLimiter(1000, Duration.ofMinutes(1), 100, ticker),
            registrationsPerAddress), null,
        new DialingKeyDirectory(store, ClusterDescriptor.DialingSettings.DEFAULTS,
            Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  /** What a client would send: fresh identity keys, the directory's stretching, a random key. */
  private record NewUser(String name, byte[] authKey, Ecdsa.KeyPair signing, byte[] x25519,
      RegisterRequest request) {}

  private NewUser newUser(String name) {
    PasswordStretching stretching = call(service::getLoginParameters,
        GetLoginParametersRequest.newBuilder().setUsername(name).build()).getStretching();
    byte[] authKey = bytes(32);
    Ecdsa.KeyPair signing = Ecdsa.generate(RANDOM);
    byte[] x25519 = bytes(32);
    RegisterRequest request = RegisterRequest.newBuilder().setUsername(name)
        .setStretching(stretching).setAuthKey(ByteString.copyFrom(authKey))
        .setEncryptedKeyBackup(ByteString.copyFrom(bytes(112)))
        .setIdentityKeys(IdentityKeys.newBuilder()
            .setSigningPublicKey(ByteString.copyFrom(signing.publicKey()))
            .setX25519PublicKey(ByteString.copyFrom(x25519)))
        .setIdentitySignature(ByteString.copyFrom(IdentityBinding.sign(signing.privateKey(), name,
            signing.publicKey(), x25519)))
        .build();
    return new NewUser(name, authKey, signing, x25519, request);
  }

  @Test
  void registeredUserLogsInAndGetsTheBackupBack() {
    NewUser alice = newUser("alice");
    RegisterResponse registered = call(service::register, alice.request());
    assertThat(registered.getSessionToken().size()).isEqualTo(32);
    assertThat(registered.getBackupVersion()).isEqualTo(1);

    LoginResponse login = call(service::login, login("alice", alice.authKey()));
    assertThat(login.getEncryptedKeyBackup()).isEqualTo(alice.request().getEncryptedKeyBackup());
    assertThat(login.getIdentityKeys()).isEqualTo(alice.request().getIdentityKeys());
    assertThat(login.getSessionToken()).isNotEqualTo(registered.getSessionToken());
  }

  @Test
  void loginParametersAreTheSameBeforeAndAfterRegistrationAndDifferPerName() {
    GetLoginParametersResponse before = call(service::getLoginParameters,
        GetLoginParametersRequest.newBuilder().setUsername("carol").build());
    call(service::register, newUser("carol").request());
    GetLoginParametersResponse after = call(service::getLoginParameters,
        GetLoginParametersRequest.newBuilder().setUsername("carol").build());
    GetLoginParametersResponse other = call(service::getLoginParameters,
        GetLoginParametersRequest.newBuilder().setUsername("dave").build());

    assertThat(after).as("no registration oracle").isEqualTo(before);
    assertThat(before.getStretching().getSalt().size()).isEqualTo(16);
    assertThat(other.getStretching().getSalt()).isNotEqualTo(before.getStretching().getSalt());
    assertThat(before.getStretching().getMemoryKib()).isEqualTo(8192);
  }

  @Test
  void wrongKeyAndUnknownUserGiveTheSameError() {
    call(service::register, newUser("alice").request());
    Status wrong = fail(service::login, login("alice", bytes(32)));
    Status unknown = fail(service::login, login("nobody", bytes(32)));
    assertThat(wrong.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(unknown.getCode()).isEqualTo(wrong.getCode());
    assertThat(unknown.getDescription()).isEqualTo(wrong.getDescription());
  }

  @Test
  void repeatedFailuresLockTheAccountEvenForTheRightKeyUntilTheWindowEnds() {
    NewUser alice = newUser("alice");
    call(service::register, alice.request());
    for (int i = 0; i < 3; i++) {
      assertThat(fail(service::login, login("alice", bytes(32))).getCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
    Status locked = fail(service::login, login("alice", alice.authKey()));
    assertThat(locked.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(locked.getDescription()).contains("retry in 60 s");

    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    assertThat(call(service::login, login("alice", alice.authKey())).getBackupVersion())
        .isEqualTo(1);
  }

  @Test
  void aStrangersFailuresNeverLockTheOwnerOutAndTheStrangerBacksOffExponentially() {
    NewUser alice = newUser("alice");
    call(service::register, alice.request());
    RemoteAddress.runAs("203.0.113.66", () -> {
      for (int i = 0; i < 3; i++) {
        fail(service::login, login("alice", bytes(32)));
      }
      assertThat(fail(service::login, login("alice", bytes(32))).getDescription())
          .contains("retry in 60 s");
    });
    RemoteAddress.runAs("198.51.100.1", () -> assertThat(
        call(service::login, login("alice", alice.authKey())).getBackupVersion())
        .as("the owner, from their own address, with the right password").isEqualTo(1));
    RemoteAddress.runAs("203.0.113.66", () -> {
      nanos.addAndGet(Duration.ofSeconds(61).toNanos());
      fail(service::login, login("alice", bytes(32)));
      assertThat(fail(service::login, login("alice", bytes(32))).getDescription())
          .as("the wait doubles with each further failure").contains("retry in 120 s");
    });
  }

  @Test
  void duplicateUsernameIsRefusedAndTheFirstAccountStays() {
    NewUser first = newUser("alice");
    call(service::register, first.request());
    Status dup = fail(service::register, newUser("alice").request());
    assertThat(dup.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(dup.getDescription()).contains("'alice' is taken");
    assertThat(call(service::login, login("alice", first.authKey())).getIdentityKeys())
        .isEqualTo(first.request().getIdentityKeys());
  }

  @Test
  void registrationIsCheckedFieldByField() {
    NewUser u = newUser("alice");
    assertRefused(u.request().toBuilder().setUsername("Alice").build(), "username");
    assertRefused(u.request().toBuilder().setUsername("admin").build(), "reserved");
    assertRefused(u.request().toBuilder().setStretching(u.request().getStretching().toBuilder()
        .setMemoryKib(1024)).build(), "GetLoginParameters");
    assertRefused(u.request().toBuilder().setAuthKey(ByteString.copyFrom(bytes(31))).build(),
        "auth_key");
    assertRefused(u.request().toBuilder()
        .setEncryptedKeyBackup(ByteString.copyFrom(bytes(4097))).build(), "encrypted_key_backup");
    // The signature binds the name: Bob cannot register Alice's keys under his name.
    NewUser bob = newUser("bob");
    assertRefused(bob.request().toBuilder().setIdentityKeys(u.request().getIdentityKeys())
        .setIdentitySignature(u.request().getIdentitySignature()).build(), "identity_signature");
    // A low-order X25519 key, properly signed: every peer's shared secret would be all zeros.
    byte[] zero = new byte[32];
    assertRefused(u.request().toBuilder().setIdentityKeys(u.request().getIdentityKeys()
        .toBuilder().setX25519PublicKey(ByteString.copyFrom(zero)))
        .setIdentitySignature(ByteString.copyFrom(IdentityBinding.sign(u.signing().privateKey(),
            "alice", u.signing().publicKey(), zero))).build(), "low-order point");
    assertThat(store.count()).isZero();
  }

  /**
   * Every small-order X25519 encoding libsodium refuses (0, 1, the two points of order 8, p−1,
   * p, p+1), each also with the ignored top bit set, properly signed: each would make every
   * shared secret with this user public (docs/protocol.md §2). And a signing key that is no
   * P-256 point, or not in the one uncompressed encoding, cannot bind a name.
   */
  @Test
  void everyLowOrderIdentityKeyAndEveryMalformedSigningKeyIsRefused() {
    java.util.HexFormat hex = java.util.HexFormat.of();
    List<String> lowOrder = List.of(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    NewUser u = newUser("alice");
    for (String point : lowOrder) {
      for (boolean topBit : List.of(false, true)) {
        byte[] key = hex.parseHex(point);
        if (topBit) {
          key[31] |= (byte) 0x80;
        }
        assertRefused(u.request().toBuilder().setIdentityKeys(u.request().getIdentityKeys()
            .toBuilder().setX25519PublicKey(ByteString.copyFrom(key)))
            .setIdentitySignature(ByteString.copyFrom(IdentityBinding.sign(
                u.signing().privateKey(), "alice", u.signing().publicKey(), key))).build(),
            "low-order point");
      }
    }
    byte[] offCurve = u.signing().publicKey();
    offCurve[64] ^= 1;
    byte[] compressed = java.util.Arrays.copyOf(u.signing().publicKey(), 33);
    compressed[0] = (byte) (2 + (u.signing().publicKey()[64] & 1));
    byte[] hybrid = u.signing().publicKey();
    hybrid[0] = (byte) (6 + (hybrid[64] & 1));
    for (byte[] signingKey : List.of(offCurve, compressed, hybrid)) {
      assertRefused(u.request().toBuilder().setIdentityKeys(u.request().getIdentityKeys()
          .toBuilder().setSigningPublicKey(ByteString.copyFrom(signingKey))).build(),
          "identity_keys");
    }
    assertThat(store.count()).isZero();
    // the request as made is fine
    call(service::register, u.request());
    assertThat(store.count()).isOne();
  }

  private static org.sotto.proto.DialingKey dialingKey(Ecdsa.KeyPair signing, String name,
      long epoch, byte[] publicKey) {
    DialingKey k = DialingKey.sign(signing.privateKey(), name, epoch, publicKey);
    return org.sotto.proto.DialingKey.newBuilder().setUsername(name).setEpoch(epoch)
        .setPublicKey(ByteString.copyFrom(publicKey))
        .setSignature(ByteString.copyFrom(k.signature())).build();
  }

  private Status publish(org.sotto.proto.DialingKey... keys) {
    PublishDialingKeysRequest request = PublishDialingKeysRequest.newBuilder()
        .addAllKeys(List.of(keys)).build();
    Recorder<org.sotto.proto.PublishDialingKeysResponse> r = new Recorder<>();
    try {
      service.publishDialingKeys(request, r);
    } catch (RuntimeException thrown) {
      return org.sotto.core.server.StatusMapping.statusOf("test", thrown);
    }
    return r.error != null ? r.error : Status.OK;
  }

  @Test
  void dialingKeysArePublishedSignedPerEpochAndListedToEveryone() throws Exception {
    NewUser alice = newUser("alice");
    call(service::register, alice.request());
    byte[] key = org.sotto.core.crypto.X25519Engines.best().publicKey(bytes(32));
    byte[] other = org.sotto.core.crypto.X25519Engines.best().publicKey(bytes(32));
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH, key),
        dialingKey(alice.signing(), "alice", EPOCH + 1, other)).isOk()).isTrue();
    // the same key again changes nothing (a client retrying)
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH, key)).isOk()).isTrue();
    // only the account's own signing key, only in the window, never a low-order key
    assertThat(publish(dialingKey(Ecdsa.generate(RANDOM), "alice", EPOCH + 2, key)).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(publish(dialingKey(alice.signing(), "nobody", EPOCH + 2, key)).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH - 1, key)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH + 8, key)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH + 2, new byte[32])).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    org.sotto.proto.DialingKey swapped = dialingKey(alice.signing(), "alice", EPOCH + 3, key)
        .toBuilder().setPublicKey(ByteString.copyFrom(other)).build();
    assertThat(publish(swapped).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    SyncDialingKeysResponse all = call(service::syncDialingKeys,
        SyncDialingKeysRequest.getDefaultInstance());
    assertThat(all.getRecordsList()).extracting(r -> r.getKey().getEpoch())
        .containsExactly(EPOCH, EPOCH + 1);
    assertThat(all.getRecords(0).getKey().getPublicKey().toByteArray()).isEqualTo(key);
    long first = all.getRecords(0).getSequence();
    assertThat(call(service::syncDialingKeys, SyncDialingKeysRequest.newBuilder()
        .setAfterSequence(first).build()).getRecordsList()).hasSize(1);
    // a new device's key for the epoch replaces the old one and is listed again, after the rest
    assertThat(publish(dialingKey(alice.signing(), "alice", EPOCH, other)).isOk()).isTrue();
    SyncDialingKeysResponse replaced = call(service::syncDialingKeys,
        SyncDialingKeysRequest.getDefaultInstance());
    assertThat(replaced.getRecordsList()).extracting(r -> r.getKey().getEpoch())
        .containsExactly(EPOCH + 1, EPOCH);
    assertThat(replaced.getRecords(1).getKey().getPublicKey().toByteArray()).isEqualTo(other);
  }

  @Test
  void lookupReturnsTheSignedKeysAndNotFoundNamesTheUser() throws Exception {
    NewUser alice = newUser("alice");
    call(service::register, alice.request());
    LookupUserResponse found = call(service::lookupUser,
        LookupUserRequest.newBuilder().setUsername("alice").build());
    IdentityBinding.verify("alice", found.getIdentityKeys().getSigningPublicKey().toByteArray(),
        found.getIdentityKeys().getX25519PublicKey().toByteArray(),
        found.getIdentitySignature().toByteArray());
    Status missing = fail(service::lookupUser,
        LookupUserRequest.newBuilder().setUsername("zed").build());
    assertThat(missing.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(missing.getDescription()).contains("'zed'");
  }

  @Test
  void syncListsAccountsInRegistrationOrderWithTheirSignedKeysPageByPage() throws Exception {
    NewUser zed = newUser("zed");
    NewUser alice = newUser("alice");
    NewUser mallory = newUser("mallory");
    call(service::register, zed.request());
    call(service::register, alice.request());
    // A refused registration (the name is taken) takes no sequence number.
    fail(service::register, newUser("alice").request());
    call(service::register, mallory.request());

    SyncDirectoryResponse all = call(service::syncDirectory,
        SyncDirectoryRequest.newBuilder().setAfterSequence(0).build());
    assertThat(all.getMore()).isFalse();
    assertThat(all.getRecordsList()).extracting(DirectoryRecord::getSequence)
        .containsExactly(1L, 2L, 3L);
    assertThat(all.getRecordsList()).extracting(DirectoryRecord::getUsername)
        .as("registration order, not name order").containsExactly("zed", "alice", "mallory");
    DirectoryRecord second = all.getRecords(1);
    assertThat(second.getIdentityKeys()).isEqualTo(alice.request().getIdentityKeys());
    IdentityBinding.verify("alice", second.getIdentityKeys().getSigningPublicKey().toByteArray(),
        second.getIdentityKeys().getX25519PublicKey().toByteArray(),
        second.getIdentitySignature().toByteArray());

    assertThat(call(service::syncDirectory, SyncDirectoryRequest.newBuilder()
        .setAfterSequence(2).build()).getRecordsList()).extracting(DirectoryRecord::getUsername)
        .containsExactly("mallory");
    assertThat(call(service::syncDirectory, SyncDirectoryRequest.newBuilder()
        .setAfterSequence(3).build()).getRecordsCount()).isZero();

    SyncDirectoryResponse first = service.page(0, 2);
    assertThat(first.getRecordsList()).extracting(DirectoryRecord::getUsername)
        .containsExactly("zed", "alice");
    assertThat(first.getMore()).as("a third record follows").isTrue();
    SyncDirectoryResponse rest = service.page(2, 2);
    assertThat(rest.getRecordsList()).extracting(DirectoryRecord::getUsername)
        .containsExactly("mallory");
    assertThat(rest.getMore()).isFalse();
  }

  @Test
  void accountsStoredBeforeSequenceNumbersExistedAreNumberedInCreationOrder() throws Exception {
    store.close();
    // A version-1 database, as a coordinator wrote it before SyncDirectory existed.
    Path file = dir.resolve("old").resolve(AccountStore.FILE_NAME);
    Files.createDirectories(file.getParent());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (username TEXT PRIMARY KEY, salt BLOB NOT NULL, "
          + "argon2_memory_kib INTEGER NOT NULL, argon2_iterations INTEGER NOT NULL, "
          + "argon2_parallelism INTEGER NOT NULL, verifier BLOB NOT NULL, "
          + "signing_public_key BLOB NOT NULL, x25519_public_key BLOB NOT NULL, "
          + "identity_signature BLOB NOT NULL, key_backup BLOB NOT NULL, "
          + "backup_version INTEGER NOT NULL, created_unix_ms INTEGER NOT NULL, "
          + "updated_unix_ms INTEGER NOT NULL) WITHOUT ROWID");
      for (String[] row : new String[][] {{"carol", "300"}, {"bob", "100"}, {"dave", "200"}}) {
        s.execute("INSERT INTO accounts VALUES ('" + row[0] + "', x'00', 1, 1, 1, x'00', x'00', "
            + "x'00', x'00', x'00', 1, " + row[1] + ", " + row[1] + ")");
      }
      s.execute("PRAGMA user_version=1");
    }
    store = AccountStore.open(file.getParent());
    assertThat(store.registeredAfter(0, 10)).extracting(AccountStore.Registration::username)
        .containsExactly("bob", "dave", "carol");
    assertThat(store.registeredAfter(0, 10)).extracting(AccountStore.Registration::sequence)
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void backupUpdatesAreVersionedAndPasswordChangesNeedTheCurrentKey() {
    NewUser alice = newUser("alice");
    ByteString session = call(service::register, alice.request()).getSessionToken();
    ByteString newBackup = ByteString.copyFrom(bytes(112));
    UpdateKeyBackupResponse updated = call(service::updateKeyBackup,
        UpdateKeyBackupRequest.newBuilder().setSessionToken(session).setExpectedBackupVersion(1)
            .setEncryptedKeyBackup(newBackup).build());
    assertThat(updated.getBackupVersion()).isEqualTo(2);

    Status stale = fail(service::updateKeyBackup, UpdateKeyBackupRequest.newBuilder()
        .setSessionToken(session).setExpectedBackupVersion(1).setEncryptedKeyBackup(newBackup)
        .build());
    assertThat(stale.getCode()).isEqualTo(Status.Code.ABORTED);

    byte[] newKey = bytes(32);
    UpdateKeyBackupRequest change = UpdateKeyBackupRequest.newBuilder().setSessionToken(session)
        .setExpectedBackupVersion(2).setEncryptedKeyBackup(newBackup)
        .setNewStretching(alice.request().getStretching()).setNewAuthKey(ByteString.copyFrom(
            newKey)).setCurrentAuthKey(ByteString.copyFrom(bytes(32))).build();
    assertThat(fail(service::updateKeyBackup, change).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    call(service::updateKeyBackup, change.toBuilder()
        .setCurrentAuthKey(ByteString.copyFrom(alice.authKey())).build());

    assertThat(fail(service::login, login("alice", alice.authKey())).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    LoginResponse login = call(service::login, login("alice", newKey));
    assertThat(login.getBackupVersion()).isEqualTo(3);
    assertThat(login.getEncryptedKeyBackup()).isEqualTo(newBackup);
  }

  @Test
  void aLoggedOutTokenCanNoLongerTouchTheBackup() {
    NewUser alice = newUser("alice");
    ByteString registered = call(service::register, alice.request()).getSessionToken();
    ByteString phone = call(service::login, login("alice", alice.authKey())).getSessionToken();
    ByteString laptop = call(service::login, login("alice", alice.authKey())).getSessionToken();
    UpdateKeyBackupRequest update = UpdateKeyBackupRequest.newBuilder()
        .setExpectedBackupVersion(1).setEncryptedKeyBackup(ByteString.copyFrom(bytes(112)))
        .build();

    call(service::logout, LogoutRequest.newBuilder().setSessionToken(registered).build());
    assertThat(fail(service::updateKeyBackup, update.toBuilder().setSessionToken(registered)
        .build()).getCode()).as("the token is dead at once").isEqualTo(
            Status.Code.UNAUTHENTICATED);
    call(service::logout, LogoutRequest.newBuilder().setSessionToken(registered).build());

    call(service::logout, LogoutRequest.newBuilder().setSessionToken(phone).setEverywhere(true)
        .build());
    assertThat(fail(service::updateKeyBackup, update.toBuilder().setSessionToken(laptop)
        .build()).getCode()).as("everywhere ends the account's other sessions")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void accountsSurviveReopeningAndTheVerifierIsNotTheAuthKey() throws Exception {
    NewUser alice = newUser("alice");
    call(service::register, alice.request());
    store.close();
    service = newService();

    Account stored = store.find("alice").orElseThrow();
    assertThat(stored.verifier()).isNotEqualTo(alice.authKey());
    String onDisk = hex(Files.readAllBytes(dir.resolve(AccountStore.FILE_NAME)))
        + hex(Files.readAllBytes(dir.resolve(AccountStore.FILE_NAME + "-wal")));
    assertThat(onDisk).contains(hex(alice.request().getEncryptedKeyBackup().toByteArray()))
        .as("no auth key on disk").doesNotContain(hex(alice.authKey()));
    assertThat(call(service::login, login("alice", alice.authKey())).getBackupVersion())
        .isEqualTo(1);
  }

  @Test
  void failedRegistrationsDoNotSpendTheAddressQuota() throws Exception {
    store.close();
    AttemptLimiter twoPerHour = new AttemptLimiter(2, Duration.ofHours(1), 100, ticker);
    service = newService(twoPerHour);
    call(service::register, newUser("alice").request());
    for (int i = 0; i < 5; i++) {
      assertThat(fail(service::register, newUser("alice").request()).getCode())
          .as("a taken name").isEqualTo(Status.Code.ALREADY_EXISTS);
      NewUser bad = newUser("bob");
      assertThat(fail(service::register, bad.request().toBuilder()
          .setIdentitySignature(newUser("bob").request().getIdentitySignature()).build())
          .getCode()).as("a bad signature").isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    RegisterRequest bob = newUser("bob").request();
    store.close(); // the database fails under the service (as on a full disk)
    Status storage = fail(service::register, bob);
    assertThat(storage.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(storage.getDescription()).contains("database failed");

    service = newService(twoPerHour); // the same address's quota, the database back
    call(service::register, bob);
    Status third = fail(service::register, newUser("carol").request());
    assertThat(third.getCode()).as("two accounts stored: the quota is spent")
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(store.count()).isEqualTo(2);
  }

  private void assertRefused(RegisterRequest request, String field) {
    Status s = fail(service::register, request);
    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).contains(field);
  }

  private static LoginRequest login(String name, byte[] key) {
    return LoginRequest.newBuilder().setUsername(name).setAuthKey(ByteString.copyFrom(key))
        .build();
  }

  private static <Q, R> R call(BiConsumer<Q, io.grpc.stub.StreamObserver<R>> rpc, Q request) {
    Recorder<R> r = new Recorder<>();
    rpc.accept(request, r);
    return r.get();
  }

  private static <Q, R> Status fail(BiConsumer<Q, io.grpc.stub.StreamObserver<R>> rpc,
      Q request) {
    Recorder<R> r = new Recorder<>();
    try {
      rpc.accept(request, r);
    } catch (RuntimeException thrown) {
      // What the server's StatusMapping would answer with.
      return org.sotto.core.server.StatusMapping.statusOf("test", thrown);
    }
    assertThat(r.error).as("the call should fail").isNotNull();
    return r.error;
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
