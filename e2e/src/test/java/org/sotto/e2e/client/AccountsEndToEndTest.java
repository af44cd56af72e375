package org.sotto.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.ClientSettings;
import org.sotto.client.ContactInfo;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoException.Reason;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.YamlConfig;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.proto.DirectoryGrpc;
import org.sotto.proto.LoginRequest;

/**
 * Accounts on a real cluster: each way of getting it wrong gives an error that says what
 * happened, and accounts, backups and conversations outlive a coordinator restart.
 */
class AccountsEndToEndTest {
  private static final long INTERVAL_MS = 600;

  @Test
  void everyMistakeGetsAClearError(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, INTERVAL_MS, 1,
        5, 1, TestUser.FAST_DIALING)) {
      Path descriptor = cluster.files().descriptor();
      try (TestUser alice = new TestUser("alice", dir.resolve("alice"), descriptor).open()) {
        alice.client.register("alice", TestUser.PASSWORD);

        assertRefused(() -> alice.client.addContact("nobody"), Reason.UNAVAILABLE,
            "connect, then add nobody again");
        alice.client.connect();
        assertRefused(() -> alice.client.addContact("nobody"), Reason.UNKNOWN_CONTACT,
            "no user named nobody");
        assertRefused(() -> alice.client.send("nobody", "hi"), Reason.UNKNOWN_CONTACT,
            "not one of your contacts");
        assertRefused(() -> alice.client.addContact("Not A Name!"), Reason.INVALID,
            "username");
      }

      try (TestUser other = new TestUser("alice", dir.resolve("other"), descriptor).open()) {
        assertRefused(() -> other.client.register("carol", "password123!".toCharArray()),
            Reason.WEAK_PASSWORD, "common password");
        assertRefused(() -> other.client.register("carol", "short".toCharArray()),
            Reason.WEAK_PASSWORD, "at least 10 characters");
        assertRefused(() -> other.client.register("Alice", "another good passphrase 12"
            .toCharArray()), Reason.USERNAME_TAKEN, "'alice' is taken");
        assertRefused(() -> other.client.login("alice", "not alices passphrase 12"
            .toCharArray()), Reason.WRONG_PASSWORD, "wrong username or password");
        assertThat(other.client.username()).as("nothing stored after failures").isEmpty();
      }

      assertThat(lockOutWithWrongKeys(cluster, "alice")).as("failed logins before lock-out")
          .isBetween(1, 5);
      try (TestUser again = new TestUser("alice", dir.resolve("again"), descriptor).open()) {
        assertRefused(() -> again.client.login("alice", TestUser.PASSWORD), Reason.RATE_LIMITED,
            "too many failed logins; retry in");
      }

      Path tampered = tamperedDescriptor(cluster, dir.resolve("tampered.yaml"));
      assertRefused(() -> SottoClient.open(ClientSettings.of(dir.resolve("alice"), tampered)),
          Reason.DESCRIPTOR_CHANGED, "not the one pinned");

      try (TestUser fooled = new TestUser("bob", dir.resolve("fooled"), tampered).open()) {
        fooled.client.register("bob", TestUser.PASSWORD);
        fooled.client.connect();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> fooled.roundsWith(RoundStatus.Kind.REFUSED) >= 2);
        assertThat(fooled.rounds).filteredOn(r -> r.kind() == RoundStatus.Kind.REFUSED)
            .first().extracting(RoundStatus::detail).asString()
            .contains("does not verify against the pinned descriptor");
        assertThat(fooled.roundsWith(RoundStatus.Kind.OPENED)).as("nothing sent").isZero();
      }
    }
  }

  @Test
  void accountsAndConversationsOutliveACoordinatorRestartAndMoveToANewMachine(
      @TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, INTERVAL_MS, 1,
            5, 1, TestUser.FAST_DIALING);
        TestUser bob = new TestUser("bob", dir.resolve("bob"), cluster.files().descriptor())
            .open()) {
      Path descriptor = cluster.files().descriptor();
      String aliceSafetyNumber;
      try (TestUser alice = new TestUser("alice", dir.resolve("alice"), descriptor).open()) {
        alice.client.register("alice", TestUser.PASSWORD);
        bob.client.register("bob", TestUser.PASSWORD);
        alice.client.connect();
        bob.client.connect();
        alice.client.addContact("bob");
        aliceSafetyNumber = bob.client.addContact("alice").safetyNumber();
        long first = alice.client.dial("bob");
        assertThat(bob.acceptWhenInvited("alice")).as("both derive the same conversation")
            .isEqualTo(first);
        bob.client.send("alice", "before the restart");
        await().atMost(Duration.ofSeconds(30)).until(() -> alice.received.size() == 1
            && bob.client.outbox("alice").isEmpty());
      } // alice's old machine is gone; what bob sends now only a new one can read

      bob.client.send("alice", "while alice moved");
      cluster.restartCoordinator();
      assertThat(cluster.coordinator().accounts()).isEqualTo(2);

      try (TestUser moved = new TestUser("alice", dir.resolve("alice-new"), descriptor).open()) {
        moved.client.login("alice", TestUser.PASSWORD);
        moved.client.connect();
        ContactInfo bobSeenByNewAlice = moved.client.addContact("bob");
        assertThat(bobSeenByNewAlice.safetyNumber()).as("same keys restored from the backup")
            .isEqualTo(aliceSafetyNumber);
        long start = moved.client.dial("bob");
        await().atMost(Duration.ofSeconds(30)).until(() -> bob.client.invitation("alice")
            .filter(i -> i.startRound() == start).isPresent());
        bob.client.accept("alice");
        bob.client.send("alice", "after the restart");

        await().atMost(Duration.ofSeconds(60)).until(() -> moved.received.size() >= 2);
        assertThat(moved.received).extracting(ChatMessage::text)
            .containsExactly("while alice moved", "after the restart");
        await().atMost(Duration.ofSeconds(30)).until(() -> bob.client.outbox("alice").isEmpty());
      }
    }
  }

  /** Failed logins with random auth keys until the directory locks the account; how many. */
  private static int lockOutWithWrongKeys(LocalCluster cluster, String user) {
    ManagedChannel channel = Channels.open(cluster.descriptor().coordinator(),
        TlsContexts.pinned(cluster.descriptor().caCertificate()));
    try {
      SecureRandom random = new SecureRandom();
      for (int attempt = 1; attempt <= 10; attempt++) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
          DirectoryGrpc.newBlockingStub(channel).login(LoginRequest.newBuilder()
              .setUsername(user).setAuthKey(ByteString.copyFrom(key)).build());
          throw new AssertionError("a random auth key logged in");
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
            return attempt - 1;
          }
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
      }
      throw new AssertionError("never locked out");
    } finally {
      Channels.close(channel);
    }
  }

  /** The cluster's descriptor with the first mix's signing key replaced by an impostor's. */
  private static Path tamperedDescriptor(LocalCluster cluster, Path out) throws Exception {
    ClusterDescriptor d = cluster.descriptor();
    List<ClusterDescriptor.MixEntry> mixes = new ArrayList<>(d.mixes());
    ClusterDescriptor.MixEntry first = mixes.get(0);
    mixes.set(0, new ClusterDescriptor.MixEntry(first.name(), first.address(),
        HexFormat.of().formatHex(Ecdsa.generate(new SecureRandom()).publicKey())));
    YamlConfig.write(out, new ClusterDescriptor(d.name(), d.coordinator(), mixes, d.deadDrops(),
        d.caCertificate(), d.roundIntervalMs(), d.slotsPerRound(), d.noise()));
    return out;
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  private static void assertRefused(Action action, Reason reason, String says) {
    assertThatThrownBy(action::run).isInstanceOfSatisfying(SottoException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(says);
    });
  }
}
