package org.sotto.e2e.pipeline;

import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.CallerCheck;
import org.sotto.client.dialing.ConversationStart;
import org.sotto.client.dialing.DialingListener;
import org.sotto.client.dialing.DialingParticipant;
import org.sotto.client.dialing.IncomingInvitation;
import org.sotto.client.dialing.OutgoingCall;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SlotAllocator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sotto.client.dialing.DialingKeys;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;

/**
 * A real client with dialing wired in the way a client facade would: one TLS channel, one round
 * participant whose session the dialing participant shares, one slot allocator that conversations
 * started by dialing join. Records what dialing reports.
 */
final class DialingClient implements DialingListener, AutoCloseable {
  private static final X25519 X25519_ENGINE = X25519Engines.best();

  final Identity identity;
  final DialingParticipant dialer;
  final BlockingQueue<IncomingInvitation> invitations = new LinkedBlockingQueue<>();
  final List<Long> callRounds = new CopyOnWriteArrayList<>();
  private final ManagedChannel channel;
  private final SlotAllocator slots = new SlotAllocator();
  private final RoundParticipant rounds;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

  /**
   * The dialing keys of every DialingClient by name: these clients have no directory, so they
   * publish to each other here, one key for every epoch (§14.8).
   */
  static final Map<String, byte[]> DIALING_KEYS = new ConcurrentHashMap<>();

  DialingClient(ClusterDescriptor descriptor, String username, CallerCheck callerCheck) {
    identity = Identity.generate(username, X25519_ENGINE, new SecureRandom());
    X25519KeyPair dialingKey = X25519KeyPair.generate(X25519_ENGINE, new SecureRandom());
    DIALING_KEYS.put(username, dialingKey.publicKey());
    channel = Channels.open(descriptor.coordinator(),
        TlsContexts.pinned(descriptor.caCertificate()));
    dialer = new DialingParticipant(descriptor, channel, identity, X25519_ENGINE, callerCheck,
        DialingKeys.fixed(DIALING_KEYS, dialingKey), this, scheduler);
    rounds = new RoundParticipant(descriptor, channel, X25519_ENGINE, slots,
        new ParticipantListener() {}, scheduler, dialer);
  }

  void start() {
    rounds.start();
  }

  /** Opens the conversation a call gave this client and puts it into its rounds. */
  Conversation talk(ConversationStart start, Inbox inbox) throws Exception {
    Conversation conversation = start.open(identity, X25519_ENGINE, inbox);
    slots.add(conversation);
    return conversation;
  }

  @Override
  public void invitationReceived(IncomingInvitation invitation) {
    invitations.add(invitation);
  }

  @Override
  public void callSent(OutgoingCall call, long dialingRound) {
    callRounds.add(dialingRound);
  }

  @Override
  public void close() {
    dialer.close();
    rounds.close();
    Channels.close(channel);
    scheduler.shutdownNow();
  }

  /** Messages a conversation delivered to its user, as text. */
  static final class Inbox implements ConversationListener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @Override
    public void received(long sequence, byte[] body) {
      received.add(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void deliveryChanged(long sequence, Delivery state) {}
  }
}
