package org.sotto.testkit.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sotto.client.ClientSettings;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoListener;
import org.sotto.client.dialing.Invitation;

/**
 * One client of the audit: a real {@link SottoClient} with its own data folder and connection,
 * its class, its {@link ClientTap}, and the moments (System.nanoTime()) it dialed or was called.
 */
final class AuditedClient implements AutoCloseable {
  final ClientClass kind;
  final String username;
  final SottoClient client;
  final ClientTap tap;
  /** When the audit made this client add a contact and dial it. */
  final List<Long> dials = new CopyOnWriteArrayList<>();
  /** When a verified invitation to this client was reported. */
  final List<Long> called = new CopyOnWriteArrayList<>();
  final List<Invitation> invitations = new CopyOnWriteArrayList<>();

  AuditedClient(ClientClass kind, String username, Path dataDir, Path descriptor,
      List<io.grpc.ClientInterceptor> extra) throws SottoException {
    this.kind = kind;
    this.username = username;
    this.tap = new ClientTap();
    ClientSettings settings = ClientSettings.of(dataDir, descriptor).intercepting(tap);
    for (io.grpc.ClientInterceptor e : extra) {
      settings = settings.intercepting(e);
    }
    this.client = SottoClient.open(settings);
    client.addListener(new SottoListener() {
      @Override
      public void invitationReceived(Invitation invitation) {
        called.add(System.nanoTime());
        invitations.add(invitation);
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
