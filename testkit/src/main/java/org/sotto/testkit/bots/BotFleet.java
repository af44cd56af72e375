package org.sotto.testkit.bots;

import io.grpc.ManagedChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SlotAllocator;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.wire.RejectedInputException;

/**
 * Bot clients in pairs, each pair in one conversation, each bot a real client with its own TLS
 * connection, session and round participant. The demo, the load tests and the end-to-end tests
 * drive the cluster with it.
 */
public final class BotFleet implements AutoCloseable {
  private final List<ChatBot> bots = new ArrayList<>();
  private final List<RoundParticipant> participants = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
      NamedThreads.daemon("bot-rounds"));
  private final BotStats stats;

  private BotFleet(BotStats stats) {
    this.stats = stats;
  }

  /**
   * Creates {@code pairs} pairs of bots whose conversations start at {@code anchorRound}; they
   * connect once {@link #start()} is called.
   */
  public static BotFleet create(ClusterDescriptor descriptor, int pairs, long anchorRound,
      BotStats stats) throws RejectedInputException {
    return create(descriptor, pairs, anchorRound, stats, () -> new ParticipantListener() {});
  }

  /** As above, each bot reporting its rounds to a listener of its own (load measurements). */
  public static BotFleet create(ClusterDescriptor descriptor, int pairs, long anchorRound,
      BotStats stats, Supplier<ParticipantListener> listeners) throws RejectedInputException {
    BotFleet fleet = new BotFleet(stats);
    X25519 x25519 = X25519Engines.best();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < pairs; i++) {
      Identity alice = Identity.generate("alice-" + i, x25519, random);
      Identity bob = Identity.generate("bob-" + i, x25519, random);
      // the pair's conversation as a call between them would have started it (§4)
      byte[] callSecret = new byte[32];
      random.nextBytes(callSecret);
      fleet.add(descriptor, x25519, alice, bob, callSecret, anchorRound, listeners.get());
      fleet.add(descriptor, x25519, bob, alice, callSecret, anchorRound, listeners.get());
    }
    return fleet;
  }

  private void add(ClusterDescriptor descriptor, X25519 x25519, Identity me, Identity peer,
      byte[] callSecret, long anchorRound, ParticipantListener listener) throws RejectedInputException {
    ChatBot bot = new ChatBot(me.username(), peer.username(), stats);
    Conversation conversation = new Conversation(me, peer.asContact(),
        ConversationRatchet.start(x25519, me.dh().privateKey(), me.dh().publicKey(),
            peer.dh().publicKey(), callSecret, anchorRound), bot);
    bot.attach(conversation);
    SlotAllocator slots = new SlotAllocator();
    slots.add(conversation);
    ManagedChannel channel = Channels.open(descriptor.coordinator(),
        TlsContexts.pinned(descriptor.caCertificate()));
    channels.add(channel);
    participants.add(new RoundParticipant(descriptor, channel, x25519, slots, listener,
        scheduler));
    bots.add(bot);
  }

  public void start() {
    topUp();
    participants.forEach(RoundParticipant::start);
  }

  /** Keeps a couple of messages queued at every bot. */
  public void topUp() {
    bots.forEach(ChatBot::topUp);
  }

  /** Messages still waiting for an acknowledgement, over all bots. */
  public int pending() {
    return bots.stream().mapToInt(ChatBot::pending).sum();
  }

  public int size() {
    return bots.size();
  }

  @Override
  public void close() {
    participants.forEach(RoundParticipant::close);
    channels.forEach(Channels::close);
    scheduler.shutdownNow();
  }
}
