package org.sotto.coordinator.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.ticket.BlindedTicket;
import org.sotto.core.ticket.TicketIssuerKey;
import org.sotto.core.ticket.TicketRequest;
import org.sotto.proto.IssueSessionTicketsRequest;

/** The directory's side of session tickets, over a real accounts database. */
class SessionTicketIssuerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TicketIssuerKey KEY = TicketIssuerKey.generate(RANDOM);
  private static final long EPOCH_SECONDS = 3600;
  private static final long EPOCH = 490_000;
  private static final int PER_ACCOUNT = 3;
  private static final SessionTicketSettings SETTINGS =
      new SessionTicketSettings(KEY.publicKey().hex(), EPOCH_SECONDS, PER_ACCOUNT);
  private static final Clock NOW = Clock.fixed(
      Instant.ofEpochSecond(EPOCH * EPOCH_SECONDS + 100), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private AccountStore store;
  private SessionTicketIssuer issuer;
  private final Ecdsa.KeyPair alice = Ecdsa.generate(RANDOM);

  @BeforeEach
  void open() {
    store = AccountStore.open(dir);
    store.insert(new Account("alice", new byte[16], Argon2Settings.MINIMUM, new byte[32],
        alice.publicKey(), new byte[32], new byte[64], new byte[112], 1));
    issuer = new SessionTicketIssuer(KEY, SETTINGS, store, NOW);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private record Asked(IssueSessionTicketsRequest request, List<BlindedTicket> started) {}

  private static Asked ask(String name, byte[] signingKey, long epoch, int tickets) {
    List<BlindedTicket> started = new ArrayList<>();
    List<byte[]> blinded = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      started.add(KEY.publicKey().blind(epoch, RANDOM));
      blinded.add(started.get(i).blinded());
    }
    IssueSessionTicketsRequest.Builder r = IssueSessionTicketsRequest.newBuilder()
        .setUsername(name).setEpoch(epoch)
        .setSignature(ByteString.copyFrom(TicketRequest.sign(signingKey, name, epoch, blinded)));
    blinded.forEach(b -> r.addBlinded(ByteString.copyFrom(b)));
    return new Asked(r.build(), started);
  }

  private void issue(Asked asked) throws Exception {
    var answer = issuer.issue(asked.request().getUsername(),
        store.find(asked.request().getUsername()), asked.request());
    for (int i = 0; i < asked.started().size(); i++) {
      assertThat(KEY.publicKey().verifies(asked.started().get(i)
          .finish(answer.getBlindSignatures(i).toByteArray()))).isTrue();
    }
  }

  private Status.Code refusal(Asked asked) {
    try {
      issuer.issue(asked.request().getUsername(), store.find(asked.request().getUsername()),
          asked.request());
      return Status.Code.OK;
    } catch (StatusException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void anAccountGetsItsTicketsForThisEpochAndTheNextUpToTheLimit() throws Exception {
    issue(ask("alice", alice.privateKey(), EPOCH, 2));
    issue(ask("alice", alice.privateKey(), EPOCH, 1));
    assertThat(refusal(ask("alice", alice.privateKey(), EPOCH, 1)))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    issue(ask("alice", alice.privateKey(), EPOCH + 1, PER_ACCOUNT));
    assertThat(refusal(ask("alice", alice.privateKey(), EPOCH + 2, 1)))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refusal(ask("alice", alice.privateKey(), EPOCH - 1, 1)))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void theLimitSurvivesARestart() throws Exception {
    issue(ask("alice", alice.privateKey(), EPOCH, PER_ACCOUNT));
    store.close();
    open();
    assertThat(refusal(ask("alice", alice.privateKey(), EPOCH, 1)))
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void onlyTheAccountsOwnKeyMayAskAndStrangersGetTheSameAnswer() {
    Ecdsa.KeyPair mallory = Ecdsa.generate(RANDOM);
    assertThat(refusal(ask("alice", mallory.privateKey(), EPOCH, 1)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refusal(ask("nobody", mallory.privateKey(), EPOCH, 1)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    // a signed request whose blinded tickets were swapped afterwards
    Asked asked = ask("alice", alice.privateKey(), EPOCH, 1);
    Asked swapped = new Asked(asked.request().toBuilder().setBlinded(0,
        ByteString.copyFrom(KEY.publicKey().blind(EPOCH, RANDOM).blinded())).build(),
        asked.started());
    assertThat(refusal(swapped)).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void aMalformedRequestSpendsNothing() throws Exception {
    assertThat(refusal(ask("alice", alice.privateKey(), EPOCH, PER_ACCOUNT + 1)))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    byte[] tooBig = new byte[256];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    IssueSessionTicketsRequest bad = IssueSessionTicketsRequest.newBuilder()
        .setUsername("alice").setEpoch(EPOCH).addBlinded(ByteString.copyFrom(tooBig))
        .setSignature(ByteString.copyFrom(TicketRequest.sign(alice.privateKey(), "alice", EPOCH,
            List.of(tooBig)))).build();
    assertThat(refusal(new Asked(bad, List.of()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    issue(ask("alice", alice.privateKey(), EPOCH, PER_ACCOUNT));
  }

  @Test
  void aKeyFileThatIsNotTheDescriptorsIsRefusedAtStart() {
    assertThatThrownBy(() -> new SessionTicketIssuer(TicketIssuerKey.generate(RANDOM), SETTINGS,
        store, NOW)).hasMessageContaining("does not match");
  }
}
