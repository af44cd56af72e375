package org.sotto.e2e.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.client.ClientSettings;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.client.dialing.Invitation;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * A user of the end-to-end tests: a SottoClient over a data folder, and everything its listener
 * saw, kept across restarts of the client (a restart is a new SottoClient over the same folder).
 */
final class TestUser implements AutoCloseable {
  static final char[] PASSWORD = "violet tundra 47 ledger kite".toCharArray();
  /** Dialing rounds every second, one bucket per user: calls arrive within a few seconds. */
  static final ClusterDescriptor.DialingSettings FAST_DIALING =
      new ClusterDescriptor.DialingSettings(1000, 1, 64, new ClusterDescriptor.NoiseSettings(4,
          1));

  final String name;
  final Path dataDir;
  final Path descriptor;
  final List<ChatMessage> received = new CopyOnWriteArrayList<>();
  final List<Long> delivered = new CopyOnWriteArrayList<>();
  final List<RoundStatus> rounds = new CopyOnWriteArrayList<>();
  final List<Invitation> invitations = new CopyOnWriteArrayList<>();
  final List<String> refusals = new CopyOnWriteArrayList<>();
  final List<ReceiveAnomaly> dropped = new CopyOnWriteArrayList<>();
  volatile SottoClient client;

  TestUser(String name, Path dataDir, Path descriptor) {
    this.name = name;
    this.dataDir = dataDir;
    this.descriptor = descriptor;
  }

  TestUser open() throws SottoException {
    client = SottoClient.open(ClientSettings.of(dataDir, descriptor));
    client.addListener(new SottoListener() {
      @Override
      public void messageReceived(ChatMessage message) {
        received.add(message);
      }

      @Override
      public void deliveryChanged(String peer, long sequence, Delivery state) {
        if (state == Delivery.DELIVERED) {
          delivered.add(sequence);
        }
      }

      @Override
      public void answerDropped(String peer, ReceiveAnomaly kind) {
        dropped.add(kind);
      }

      @Override
      public void roundStatus(RoundStatus status) {
        rounds.add(status);
      }

      @Override
      public void invitationReceived(Invitation invitation) {
        invitations.add(invitation);
      }

      @Override
      public void invitationRefused(String claimedCaller, String reason) {
        refusals.add(reason);
      }
    });
    return this;
  }

  /** A new SottoClient over the same data folder, connected again: what a restart does. */
  void restart() throws SottoException {
    client.close();
    open();
    client.connect();
  }

  /**
   * Waits for {@code caller}'s invitation to arrive in a dialing round (this client must be
   * connected), accepts it, and returns its start round.
   */
  long acceptWhenInvited(String caller) throws SottoException {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> client.invitation(caller).isPresent());
    long start = client.invitation(caller).orElseThrow().startRound();
    client.accept(caller);
    return start;
  }

  long roundsWith(RoundStatus.Kind kind) {
    return rounds.stream().filter(r -> r.kind() == kind).count();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
