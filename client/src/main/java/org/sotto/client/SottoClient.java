package org.sotto.client;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.client.SottoException.Reason;
import org.sotto.client.account.Accounts;
import org.sotto.client.account.DirectoryClient;
import org.sotto.client.account.TicketWallet;
import org.sotto.client.dialing.ConversationStart;
import org.sotto.client.dialing.DialingKeyRing;
import org.sotto.client.round.TicketSource;
import org.sotto.client.account.DirectoryMirror;
import org.sotto.client.account.PasswordPolicy;
import org.sotto.client.account.PasswordStretcher;
import org.sotto.client.account.SafetyNumber;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.conversation.ReceiveAnomaly;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.DialingListener;
import org.sotto.client.dialing.DialingParticipant;
import org.sotto.client.dialing.IncomingInvitation;
import org.sotto.client.dialing.Invitation;
import org.sotto.client.dialing.MirrorCallerCheck;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SessionObserver;
import org.sotto.client.round.SlotAllocator;
import org.sotto.client.store.ClientDatabase;
import org.sotto.client.store.ContactStore;
import org.sotto.client.store.ConversationTable;
import org.sotto.client.store.DataDirLock;
import org.sotto.client.store.DescriptorPin;
import org.sotto.core.account.Argon2Settings;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.rpc.Channels;
import org.sotto.core.store.StorageException;
import org.sotto.core.tls.TlsContexts;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.RoundEvent;

/**
 * The client library as the CLI and the desktop client use it: one user, one data folder, one
 * cluster. It registers and logs in, keeps contacts, starts conversations through a
 * dialing rounds ({@link DialingParticipant}), sends and receives messages through the rounds, and reports what happens to
 * {@link SottoListener}s. Everything a restart must not lose is in the data folder's database
 * before the client acts on it, so a new SottoClient over the same folder carries on.
 *
 * <p>Life cycle: {@link #open}, then {@link #register} or {@link #login} once per data folder
 * (later opens find the identity stored), then {@link #connect} to take part in rounds, and
 * {@link #close}.
 */
public final class SottoClient implements AutoCloseable {
  private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(30);
  private static final Duration DIALING_KEY_SWEEP = Duration.ofMinutes(10);
  /** Scheduled syncs {@link #addContact} waits for a name the mirror does not hold yet. */
  static final int ADD_CONTACT_SYNCS = 2;

  private final ClientSettings settings;
  private final DataDirLock lock;
  private final ClientDatabase db;
  private final ClusterDescriptor descriptor;
  private final ManagedChannel channel;
  private final Accounts accounts;
  private final DirectoryMirror mirror;
  private final X25519 x25519;
  private final ScheduledExecutorService scheduler;
  private final SlotAllocator slots = new SlotAllocator();
  private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
  private final Listeners listeners = new Listeners();
  private volatile Identity identity;
  private final DirectoryClient directory;
  private final DialingKeyRing dialingKeys;
  private volatile ConnectionState connection;
  private RoundParticipant participant;
  private DialingParticipant dialing;

  private SottoClient(ClientSettings settings, DataDirLock lock, ClientDatabase db,
      ClusterDescriptor descriptor, ManagedChannel channel, X25519 x25519) {
    this.settings = settings;
    this.lock = lock;
    this.db = db;
    this.descriptor = descriptor;
    this.channel = channel;
    this.x25519 = x25519;
    this.directory = new DirectoryClient(channel, descriptor.coordinator().toString());
    this.accounts = new Accounts(directory, PasswordPolicy.standard(),
        new PasswordStretcher(Argon2Settings.MINIMUM), x25519, new SecureRandom());
    this.mirror = new DirectoryMirror(directory, db.mirror(), this::keyEpoch);
    this.dialingKeys = new DialingKeyRing(db.dialingKeys(), mirror, directory, this::keyEpoch,
        x25519);
    this.scheduler = Executors.newScheduledThreadPool(3, NamedThreads.daemon("sotto-client"));
  }

  /**
   * Opens the data folder (creating it), pins or checks the descriptor, and loads the stored
   * identity and conversations if there are any. Nothing goes on the network yet.
   */
  public static SottoClient open(ClientSettings settings) throws SottoException {
    Path dir = settings.dataDir();
    DataDirLock lock;
    try {
      org.sotto.core.store.SqliteDatabase.createPrivateFolder(dir);
      lock = DataDirLock.tryAcquire(dir);
    } catch (IOException | StorageException e) {
      throw new SottoException(Reason.INVALID, "cannot use the data folder " + dir + ": "
          + e.getMessage(), e);
    }
    if (lock == null) {
      throw new SottoException(Reason.DATA_DIR_IN_USE, "another Sotto client is running on "
          + dir + "; close it first (or use its window), or pick another --data-dir");
    }
    ClientDatabase db = null;
    try {
      db = ClientDatabase.open(dir);
      ClusterDescriptor descriptor = DescriptorPin.resolve(dir, db.settings(),
          settings.descriptor(), settings.trustNewDescriptor());
      ManagedChannel channel = Channels.open(descriptor.coordinator(),
          TlsContexts.pinned(descriptor.caCertificate()), settings.interceptors());
      SottoClient client = new SottoClient(settings, lock, db, descriptor, channel,
          X25519Engines.best());
      client.db.identity().load().ifPresent(client::become);
      return client;
    } catch (SottoException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      lock.close();
      if (e instanceof StorageException s) {
        throw new SottoException(Reason.INVALID, s.getMessage(), s);
      }
      throw e;
    }
  }

  public void addListener(SottoListener listener) {
    listeners.add(listener);
  }

  public void removeListener(SottoListener listener) {
    listeners.remove(listener);
  }

  public ClusterDescriptor descriptor() {
    return descriptor;
  }

  /**
   * The SHA-256 fingerprint (hex) of the pinned cluster descriptor, for users to compare with
   * what their operators published.
   */
  public String descriptorFingerprint() {
    return DescriptorPin.pinnedFingerprint(db.settings()).orElse("");
  }

  /** The logged-in user of this data folder, if any. */
  public Optional<String> username() {
    Identity me = identity;
    return me == null ? Optional.empty() : Optional.of(me.username());
  }

  // ---- accounts ---------------------------------------------------------------------------

  /**
   * Why {@link #register} would refuse this password, or null if it is strong enough: for
   * feedback while the user types.
   */
  public static String passwordProblem(String username, char[] password) {
    return PasswordPolicy.standard().problem(username, password);
  }

  /**
   * Checks that {@code typed} is a well-formed username (3 to 32 of a-z, 0-9 and _, any case),
   * for a user interface to say so before asking for a password.
   *
   * @return the username as stored (lower case)
   */
  public static String checkUsername(String typed) throws SottoException {
    return canonical(typed);
  }

  /**
   * Creates an account: checks the password's strength, stretches it, makes new identity keys,
   * and stores them here and (encrypted) in the directory.
   */
  public void register(String username, char[] password) throws SottoException {
    requireNoOtherUser(username);
    Accounts.LoggedIn in = accounts.register(username, password);
    store(in);
  }

  /** Logs in, restoring the identity keys from the directory's backup (e.g. on a new machine). */
  public void login(String username, char[] password) throws SottoException {
    requireNoOtherUser(username);
    Accounts.LoggedIn in = accounts.login(username, password);
    store(in);
  }

  /**
   * Changes the account's password (the new one must pass the same strength check as at
   * registration). This data folder stays logged in; other machines keep their keys and
   * conversations, and the next login anywhere takes the new password.
   */
  public void changePassword(char[] current, char[] next) throws SottoException {
    Identity me = requireIdentity();
    long version = accounts.changePassword(me, current, next);
    db.identity().save(me, version);
  }

  private void requireNoOtherUser(String typed) throws SottoException {
    Identity me = identity;
    if (me != null && !me.username().equalsIgnoreCase(typed == null ? "" : typed.strip())) {
      throw new SottoException(Reason.INVALID, "this data folder belongs to " + me.username()
          + "; use another --data-dir for " + typed);
    }
  }

  private void store(Accounts.LoggedIn in) throws SottoException {
    db.identity().save(in.identity(), in.backupVersion());
    become(in.identity());
    // dialable at once, even before this client first connects (§14.8)
    dialingKeys.refresh(in.identity());
  }

  /** The current dialing-key epoch, by this machine's clock. */
  private long keyEpoch() {
    return descriptor.dialing().keyEpochAt(System.currentTimeMillis());
  }

  /** Keeps this client's dialing keys made, erased and published; on the client's schedule. */
  private void refreshDialingKeys() {
    Identity me = identity;
    if (me == null) {
      return;
    }
    try {
      dialingKeys.refresh(me);
    } catch (SottoException | StorageException e) {
      listeners.tell(l -> l.directorySyncFailed("publishing dialing keys failed: "
          + e.getMessage()));
    }
  }

  private synchronized void become(Identity me) {
    identity = me;
    for (String peer : db.conversations().peers()) {
      if (!conversations.containsKey(peer)) {
        resume(peer);
      }
    }
  }

  // ---- contacts and conversations -----------------------------------------------------------

  /**
   * Finds {@code username} in this client's mirror of the directory and keeps their keys
   * (trusted on first use). Nothing is asked of the directory, so the coordinator cannot tell
   * whom the user added. A name the mirror does not hold yet (registered since the last sync) is
   * waited for over the next {@value #ADD_CONTACT_SYNCS} scheduled syncs, one per dialing round,
   * which need {@link #connect}; the wait never causes a sync of its own.
   */
  public ContactInfo addContact(String username) throws SottoException {
    Identity me = requireIdentity();
    String name = canonical(username);
    if (name.equals(me.username())) {
      throw new SottoException(Reason.INVALID, "that is you; add someone else");
    }
    Contact found = resolve(name);
    keep(found);
    return info(found);
  }

  private Contact resolve(String name) throws SottoException {
    Optional<Contact> now = mirror.find(name);
    if (now.isPresent()) {
      return now.get();
    }
    synchronized (this) {
      if (participant == null) {
        throw new SottoException(Reason.UNAVAILABLE, name + " is not in this client's copy of "
            + "the directory, which is brought up to date only while connected: connect, then "
            + "add " + name + " again");
      }
    }
    long interval = descriptor.dialing().roundIntervalMs();
    // The syncs come with dialing rounds; one more interval and a sync's own deadline of slack.
    long waitMs = (ADD_CONTACT_SYNCS + 1) * interval + 30_000;
    try {
      return mirror.resolve(name, ADD_CONTACT_SYNCS).get(waitMs, TimeUnit.MILLISECONDS)
          .orElseThrow(() -> new SottoException(Reason.UNKNOWN_CONTACT, "there is no user named "
              + name + " in the directory; check the spelling"));
    } catch (java.util.concurrent.ExecutionException e) {
      SottoException cause = e.getCause() instanceof SottoException se ? se
          : new SottoException(Reason.UNAVAILABLE, String.valueOf(e.getCause()), e);
      throw new SottoException(cause.reason(), name + " is not in this client's copy of the "
          + "directory, and syncing it failed: " + cause.getMessage(), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SottoException(Reason.UNAVAILABLE, name + " is not in this client's copy of the "
          + "directory, and it could not be synced in " + waitMs / 1000 + " s ("
          + connection().map(c -> c.connected() ? "no dialing round came" : c.detail())
              .orElse("not connected") + "); retry when the cluster is reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SottoException(Reason.UNAVAILABLE, "interrupted while waiting for the "
          + "directory sync", e);
    }
  }

  private void keep(Contact contact) throws SottoException {
    if (db.contacts().add(contact) == ContactStore.Added.KEYS_DIFFER) {
      throw new SottoException(Reason.TAMPERED, contact.username() + " now has other keys than "
          + "the ones first seen for them. Either they made a new account, or someone is "
          + "impersonating them: ask them out of band before you trust the new keys");
    }
  }

  /** Invitations the dialer has not yet sent (a one-shot command waits for them). */
  public synchronized int pendingInvitations() {
    return dialing == null ? 0 : dialing.pendingCalls();
  }

  public List<ContactInfo> contacts() throws SottoException {
    requireIdentity();
    return db.contacts().list().stream().map(this::info).toList();
  }

  private ContactInfo info(Contact c) {
    return new ContactInfo(c, SafetyNumber.of(identity.asContact(), c),
        conversations.containsKey(c.username()));
  }

  /**
   * Asks a contact to talk (through the dialer) and starts this side of the conversation; needs
   * {@link #connect} first, since invitations travel in dialing rounds. Dialing someone you
   * already talk with starts the conversation again (for when either of you moved to a new
   * machine): messages they had not acknowledged are queued again in the new one.
   *
   * @return the round the conversation starts at
   */
  public long dial(String username) throws SottoException {
    Contact contact = requireContact(username);
    DialingParticipant d;
    synchronized (this) {
      d = dialing;
    }
    if (d == null) {
      throw new SottoException(Reason.INVALID, "connect before dialing");
    }
    ConversationStart start;
    try {
      start = d.dial(contact).start();
    } catch (IllegalArgumentException e) {
      throw new SottoException(Reason.INVALID, e.getMessage(), e);
    }
    startConversation(contact, start.startRound(), start.callSecret());
    return start.startRound();
  }

  /** Invitations received and not yet answered. */
  public List<Invitation> invitations() {
    return db.invitations().list();
  }

  /** Accepts {@code caller}'s invitation: their keys become a contact and the conversation starts. */
  public void accept(String caller) throws SottoException {
    requireIdentity();
    String name = canonical(caller);
    Invitation inv = db.invitations().find(name).orElseThrow(() -> new SottoException(
        Reason.UNKNOWN_CONTACT, "no invitation from " + name + " yet (invitations arrive in "
            + "dialing rounds while this client is connected)"));
    keep(inv.caller());
    startConversation(inv.caller(), inv.startRound(), inv.callSecret());
    db.invitations().remove(name);
  }

  /** The invitation from {@code caller} waiting for an answer, if one arrived. */
  public Optional<Invitation> invitation(String caller) throws SottoException {
    return db.invitations().find(canonical(caller));
  }

  /** Declines an invitation: it is forgotten, and nothing is sent. */
  public void decline(String caller) throws SottoException {
    db.invitations().remove(canonical(caller));
  }

  private synchronized void startConversation(Contact contact, long startRound,
      byte[] callSecret) throws SottoException {
    Identity me = requireIdentity();
    ConversationRatchet ratchet;
    try {
      ratchet = ConversationRatchet.start(x25519, me.dh().privateKey(), me.dh().publicKey(),
          contact.dhPublicKey(), callSecret, startRound);
    } catch (RejectedInputException e) {
      throw new SottoException(Reason.TAMPERED, contact.username() + "'s X25519 key is unusable: "
          + e.getMessage(), e);
    }
    Conversation old = conversations.remove(contact.username());
    if (old != null) {
      slots.remove(old);
    }
    db.conversations().start(contact.username(), startRound, ratchet.chainKey());
    resume(contact.username());
  }

  private void resume(String peer) {
    Contact contact = db.contacts().find(peer).orElseThrow();
    ConversationTable.Saved saved = db.conversations().load(peer).orElseThrow();
    Events events = new Events(peer);
    Conversation c = Conversation.resume(identity, contact, saved.state(),
        db.conversations().storeFor(peer, saved.generation()), events);
    events.conversation = c;
    conversations.put(peer, c);
    slots.add(c);
  }

  // ---- messages -------------------------------------------------------------------------------

  /**
   * Queues a message (at most 240 bytes of UTF-8); it is on disk when this returns.
   *
   * @return its sequence number, which deliveryChanged events name
   */
  public long send(String peer, String text) throws SottoException {
    byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (body.length > WireSizes.MESSAGE_BODY) {
      throw new SottoException(Reason.INVALID, "a message holds at most " + WireSizes.MESSAGE_BODY
          + " bytes of UTF-8 and this one has " + body.length + "; split it");
    }
    Conversation c = conversation(peer);
    try {
      return c.send(body);
    } catch (StorageException e) {
      throw new SottoException(Reason.STORAGE, "the message was not queued: " + e.getMessage(),
          e);
    }
  }

  /** Received messages not yet marked read; {@code peer} null for all conversations. */
  public List<ChatMessage> unread(String peer) {
    return db.messages().unread(peer);
  }

  /** The user has seen {@code peer}'s messages up to {@code sequence}. */
  public void markRead(String peer, long sequence) {
    db.messages().markRead(peer, sequence);
  }

  /** Sent messages not yet acknowledged, with their state. */
  public List<ChatMessage> outbox(String peer) {
    return db.messages().outbox(peer);
  }

  /** The kept history (empty unless turned on with {@link #keepHistory}). */
  public List<ChatMessage> history(String peer) {
    return db.messages().history(peer);
  }

  /**
   * Turns message history on (optionally deleting each message {@code disappearAfter} after it
   * was read or sent) or off (deleting what was kept).
   */
  public void keepHistory(String peer, boolean keep, Duration disappearAfter)
      throws SottoException {
    conversation(peer);
    db.conversations().setOptions(peer, new ConversationTable.Options(keep, disappearAfter));
  }

  /** Whether {@code peer}'s conversation keeps history, and its disappearing timer (null: none). */
  public Optional<ConversationTable.Options> historyOptions(String peer) throws SottoException {
    requireIdentity();
    return db.conversations().options(canonical(peer));
  }

  private Conversation conversation(String peer) throws SottoException {
    requireIdentity();
    String name = canonical(peer);
    Conversation c = conversations.get(name);
    if (c != null) {
      return c;
    }
    if (db.contacts().find(name).isPresent()) {
      throw new SottoException(Reason.NO_CONVERSATION, "no conversation with " + name + " yet: "
          + "dial them, or accept their invitation");
    }
    throw new SottoException(Reason.UNKNOWN_CONTACT, name + " is not one of your contacts; "
        + "add them first");
  }

  // ---- rounds ---------------------------------------------------------------------------------

  /** Starts taking part in rounds and dialing; reconnects by itself until {@link #close}. */
  public synchronized void connect() throws SottoException {
    Identity me = requireIdentity();
    if (participant != null) {
      return;
    }
    connection = new ConnectionState(false, java.time.Instant.now(),
        "connecting to the coordinator at " + descriptor.coordinator());
    dialing = new DialingParticipant(descriptor, channel, me, x25519,
        new MirrorCallerCheck(mirror, (claimed, reason) ->
            listeners.tell(l -> l.invitationRefused(claimed.username(), reason))), dialingKeys,
        new DialingListener() {
          @Override
          public void invitationReceived(IncomingInvitation incoming) {
            handOver(incoming);
          }
        }, scheduler);
    // dialing shares the round participant's session and event stream
    participant = new RoundParticipant(descriptor, channel, x25519, slots, new Rounds(),
        scheduler, new MirrorSchedule(dialing)).withTickets(tickets());
    participant.start();
    scheduler.scheduleWithFixedDelay(this::expireHistory, 0, EXPIRY_SWEEP.toMillis(),
        TimeUnit.MILLISECONDS);
    // a client that stays connected for days still erases each dialing key when its time is up
    // and makes the keys of the days ahead (§14.8)
    scheduler.scheduleWithFixedDelay(this::refreshDialingKeys, DIALING_KEY_SWEEP.toMillis(),
        DIALING_KEY_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The account's session tickets, when the cluster has them. */
  private TicketSource tickets() {
    if (descriptor.sessionTickets() == null) {
      return TicketSource.NONE;
    }
    return new TicketWallet(descriptor.sessionTickets(), directory, db.settings(),
        () -> identity, java.time.Clock.systemUTC(), new SecureRandom(),
        problem -> listeners.tell(l -> l.sessionTicketProblem(problem)));
  }

  /**
   * The mirror's fixed schedule: a sync when a session opens and one in every dialing round,
   * when the round's buckets are ready (the moment every client fetches its own bucket). The
   * same for every client, whatever its user does, so the syncs reveal nothing; dialing sees
   * every event as before.
   */
  private final class MirrorSchedule implements SessionObserver {
    private final DialingParticipant dialing;

    MirrorSchedule(DialingParticipant dialing) {
      this.dialing = dialing;
    }

    @Override
    public void sessionOpened(com.google.protobuf.ByteString sessionId) {
      dialing.sessionOpened(sessionId);
      syncDirectory();
      try {
        scheduler.execute(SottoClient.this::refreshDialingKeys);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // the client closed meanwhile
      }
    }

    @Override
    public void event(RoundEvent event) {
      dialing.event(event);
      if (event.getEventCase() == RoundEvent.EventCase.DIALING_READY) {
        syncDirectory();
      }
    }

    @Override
    public void sessionClosed(String why) {
      dialing.sessionClosed(why);
    }
  }

  private void syncDirectory() {
    try {
      scheduler.execute(() -> {
        try {
          mirror.sync();
        } catch (SottoException e) {
          listeners.tell(l -> l.directorySyncFailed(e.getMessage()));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the client closed meanwhile
    }
  }

  /**
   * Whether a session with the coordinator is open and since when; empty before
   * {@link #connect}.
   */
  public Optional<ConnectionState> connection() {
    return Optional.ofNullable(connection);
  }

  /**
   * A verified invitation (the mirror of the directory vouched for the caller's name) goes to
   * this client's store, which owns it from then on (accept starts the conversation at its start
   * round, decline forgets it; neither sends anything), so the dialing participant's own inbox
   * lets go of it. The participant still remembers the call, so a resent copy (after an aborted round)
   * is not reported twice.
   */
  private void handOver(IncomingInvitation incoming) {
    dialing.decline(incoming);
    invited(new Invitation(incoming.caller(), incoming.startRound(), System.currentTimeMillis(),
        incoming.callSecret()));
  }

  private void invited(Invitation invitation) {
    String peer = invitation.caller().username();
    boolean alreadyTalking = db.conversations().startRound(peer)
        .filter(start -> start == invitation.startRound()).isPresent()
        && db.contacts().find(peer).filter(known -> java.util.Arrays.equals(
            known.dhPublicKey(), invitation.caller().dhPublicKey())).isPresent();
    if (alreadyTalking) {
      return; // a resent copy of a call this user already accepted
    }
    db.invitations().put(invitation);
    listeners.tell(l -> l.invitationReceived(invitation));
  }

  private void expireHistory() {
    try {
      db.messages().expire(System.currentTimeMillis());
    } catch (StorageException e) {
      // retried at the next sweep
    }
  }

  /**
   * Stops the client. A client in session first waits, at most two rounds and a second, until
   * every message it received has been acknowledged in a round the coordinator accepted: a
   * submission goes out at a time drawn for its round, not as soon as a message arrives
   * (docs/client.md), so a command that stops right after a message arrived would otherwise
   * leave its peer to send it again, and wait for an acknowledgement that never comes.
   */
  @Override
  public void close() {
    awaitAcknowledgementsOnWire(Duration.ofMillis(2 * descriptor.roundIntervalMs() + 1_000));
    synchronized (this) {
      if (dialing != null) {
        dialing.close();
      }
      if (participant != null) {
        participant.close();
      }
    }
    scheduler.shutdownNow();
    Channels.close(channel);
    db.close();
    lock.close();
  }

  private void awaitAcknowledgementsOnWire(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline && connection().map(ConnectionState::connected)
        .orElse(false) && conversations.values().stream()
        .anyMatch(Conversation::owesAcknowledgement)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Identity requireIdentity() throws SottoException {
    Identity me = identity;
    if (me == null) {
      throw new SottoException(Reason.NOT_LOGGED_IN, "no account on " + settings.dataDir()
          + " yet: register, or log in to an existing account");
    }
    return me;
  }

  private Contact requireContact(String typed) throws SottoException {
    requireIdentity();
    String name = canonical(typed);
    return db.contacts().find(name).orElseThrow(() -> new SottoException(Reason.UNKNOWN_CONTACT,
        name + " is not one of your contacts; add them first"));
  }

  private static String canonical(String typed) throws SottoException {
    try {
      return org.sotto.core.account.Usernames.canonicalize(typed);
    } catch (IllegalArgumentException e) {
      throw new SottoException(Reason.INVALID, e.getMessage());
    }
  }

  /**
   * One conversation's events, passed on to the listeners while it is the current conversation
   * with its peer (a replaced one may still finish a round in flight; its events are dropped, as
   * its store writes are).
   */
  private final class Events implements ConversationListener {
    private final String peer;
    private volatile Conversation conversation;

    Events(String peer) {
      this.peer = peer;
    }

    private boolean current() {
      return conversations.get(peer) == conversation;
    }

    @Override
    public void received(long sequence, byte[] body) {
      if (!current()) {
        return;
      }
      ChatMessage m = new ChatMessage(peer, true, sequence, body, Delivery.DELIVERED,
          System.currentTimeMillis());
      listeners.tell(l -> l.messageReceived(m));
    }

    @Override
    public void deliveryChanged(long sequence, Delivery state) {
      if (!current()) {
        return;
      }
      listeners.tell(l -> l.deliveryChanged(peer, sequence, state));
    }

    @Override
    public void anomaly(ReceiveAnomaly kind, long round) {
      if (!current()) {
        return;
      }
      listeners.tell(l -> l.answerDropped(peer, kind));
    }
  }

  /** The round participant's events, passed on to the listeners. */
  private final class Rounds implements ParticipantListener {
    @Override
    public void connected(boolean connected, String detail) {
      ConnectionState was = connection;
      if (was == null || was.connected() != connected) {
        connection = new ConnectionState(connected, java.time.Instant.now(),
            connected ? "" : detail);
      } else if (!connected) {
        connection = new ConnectionState(false, was.since(), detail); // down since the first try
      }
      listeners.tell(l -> l.connectionChanged(connected, detail));
    }

    @Override
    public void roundOpened(long round) {
      status(round, RoundStatus.Kind.OPENED, "");
    }

    @Override
    public void roundCompleted(long round) {
      status(round, RoundStatus.Kind.COMPLETED, "");
    }

    @Override
    public void roundAborted(long round, String reason) {
      status(round, RoundStatus.Kind.ABORTED, reason);
    }

    @Override
    public void roundRefused(long round, String reason) {
      status(round, RoundStatus.Kind.REFUSED, reason);
    }

    @Override
    public void submissionRejected(long round, String reason) {
      status(round, RoundStatus.Kind.REJECTED, reason);
    }

    private void status(long round, RoundStatus.Kind kind, String detail) {
      RoundStatus s = new RoundStatus(round, kind, detail == null ? "" : detail);
      listeners.tell(l -> l.roundStatus(s));
    }
  }
}
