package org.sotto.client.dialing;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.client.identity.Contact;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ClientRoundKind;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.RoundSubmitter;
import org.sotto.client.round.SessionObserver;
import org.sotto.client.round.SubmissionTiming;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.dialing.DialingBucket;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.dialing.InvitationBody;
import org.sotto.core.dialing.CallSecret;
import org.sotto.core.dialing.InvitationBox;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.DialingBucketsReady;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.FetchBucketRequest;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubmitInvitationRequest;
import org.sotto.proto.MixRoundKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's part in every dialing round (docs/protocol.md §14; Vuvuzela §5, Alpenhorn), on the
 * session of its {@code RoundParticipant} (plug it in as that participant's
 * {@link SessionObserver}):
 *
 * <ol>
 *   <li>on DialingRoundSettings: verify every mix's dialing key against the pinned descriptor
 *       (and send nothing if one fails); then build exactly one dialing request: the next queued
 *       call's invitation, sealed to the callee's identity key and addressed to the callee's
 *       bucket, or else a cover request to the no-op bucket. A cover request seals a throwaway
 *       invitation to a random key, so it costs about the same work as a real one; wrap it for
 *       the chain and submit it at the time {@link SubmissionTiming} draws for the round, which
 *       does not depend on whether a call went out (the {@link RoundSubmitter});
 *   <li>on DialingBucketsReady: the round's call (if any) has reached its callee's bucket; download
 *       this client's own bucket, noise and all, trial-decrypt every invitation, and hand each
 *       verified, new call to the listener;
 *   <li>on DialingRoundAborted, a refused submission or a lost session: the call goes out again
 *       in a later round.
 * </ol>
 *
 * Every step happens every round whatever the user does, so the traffic of a client that dials,
 * is called, or does neither looks the same on the wire.
 */
public final class DialingParticipant implements SessionObserver, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DialingParticipant.class);
  /** Downloads of one bucket before the round is given up. */
  static final int FETCH_ATTEMPTS = 3;
  /** More invitations than any sane bucket holds; a bigger one is refused, not downloaded. */
  static final long MAX_BUCKET_INVITATIONS = 1_000_000;

  private final ClusterDescriptor descriptor;
  private final ManagedChannel channel;
  private final Identity me;
  private final X25519 x25519;
  private final CallerCheck callerCheck;
  private final DialingKeys keys;
  private final DialingListener listener;
  private final ScheduledExecutorService scheduler;
  private final RoundSubmitter<DialingRoundSettings> submitter;
  private final SecureRandom random = new SecureRandom();
  private final DialQueue calls = new DialQueue();
  private final InvitationInbox inbox = new InvitationInbox();
  private final DialingStats stats = new DialingStats();
  private final StartRoundWindow startRounds;
  private final long rpcTimeoutMs;
  /**
   * The bucket count of each dialing round whose mix keys verified, by round: the count the mixes
   * signed. A bucket is fetched only with it, never with the count DialingBucketsReady says, so a
   * coordinator cannot make this client download H(own name) mod m′ for an m′ of its own.
   */
  private final Map<Long, Integer> signedBucketCounts = new ConcurrentHashMap<>();
  private ByteString session;
  private long conversationRound = -1;
  private boolean closed;
  /** Rounds in which cover stood in for a request prepared too late; guarded by this. */
  private final Set<Long> coverOnly = new HashSet<>();

  /**
   * @param channel the TLS channel to the coordinator, shared with the round participant
   * @param me this client's identity; its username must be canonical (invitations carry it)
   * @param callerCheck binds the names in incoming invitations to their keys
   * @param keys the dialing keys invitations are sealed to and opened with (§14.8)
   * @param scheduler runs the dialing work and the listener
   */
  public DialingParticipant(ClusterDescriptor descriptor, ManagedChannel channel, Identity me,
      X25519 x25519, CallerCheck callerCheck, DialingKeys keys, DialingListener listener,
      ScheduledExecutorService scheduler) {
    this(descriptor, channel, me, x25519, callerCheck, keys, listener, scheduler,
        SubmissionTiming.DEFAULT);
  }

  /** @param timing when in each dialing round's window to prepare and to submit */
  public DialingParticipant(ClusterDescriptor descriptor, ManagedChannel channel, Identity me,
      X25519 x25519, CallerCheck callerCheck, DialingKeys keys, DialingListener listener,
      ScheduledExecutorService scheduler, SubmissionTiming timing) {
    if (!InvitationBody.carriesName(me.username())) {
      throw new IllegalArgumentException("dialing needs a canonical username (1 to "
          + WireSizes.USERNAME_MAX + " characters of a-z, 0-9, _), not '" + me.username() + "'");
    }
    this.descriptor = descriptor;
    this.channel = channel;
    this.me = me;
    this.x25519 = x25519;
    this.callerCheck = callerCheck;
    this.keys = keys;
    this.listener = listener;
    this.scheduler = scheduler;
    this.submitter = new RoundSubmitter<>(descriptor, x25519, new Dialing(), scheduler, timing);
    this.rpcTimeoutMs = Math.max(2_000, descriptor.dialing().roundIntervalMs() * 2);
    this.startRounds = new StartRoundWindow(descriptor);
  }

  public DialingStats stats() {
    return stats;
  }

  // ---- calls and invitations (nothing here changes what goes on the wire)

  /**
   * Queues an invitation to {@code callee}; it goes out in the next dialing round this client
   * takes part in (one call per round, in order), and is sent again after an aborted round. The
   * call's start round is fixed now, so the caller can start its side at once.
   *
   * @throws IllegalArgumentException for a callee with this client's own username or keys, or
   *     one who has no dialing key of this epoch yet
   */
  public OutgoingCall dial(Contact callee) {
    if (callee.username().equals(me.username())
        || Arrays.equals(callee.dhPublicKey(), me.dh().publicKey())) {
      throw new IllegalArgumentException("a client cannot dial itself");
    }
    if (!InvitationBody.carriesName(callee.username())) {
      throw new IllegalArgumentException("'" + callee.username() + "' is not a username");
    }
    byte[] calleeKey = keys.calleeKey(callee.username()).orElseThrow(() ->
        new IllegalArgumentException(callee.username() + " has no dialing key for today yet: "
            + "their client publishes one when it registers or connects; call again once "
            + "they have been online"));
    byte[] ephemeral = new byte[WireSizes.X25519_KEY];
    random.nextBytes(ephemeral);
    byte[] callSecret;
    try {
      callSecret = CallSecret.forCaller(x25519, ephemeral, calleeKey);
    } catch (RejectedInputException e) {
      throw new IllegalArgumentException(callee.username() + "'s dialing key is unusable: "
          + e.getMessage());
    }
    OutgoingCall call = new OutgoingCall(callee, startRound(), ephemeral, calleeKey, callSecret);
    calls.add(call);
    return call;
  }

  /** Calls whose invitation is not yet in the callee's bucket (a one-shot command waits for 0). */
  public int pendingCalls() {
    return calls.size();
  }

  /** Invitations that arrived and were neither accepted nor declined, oldest first. */
  public List<IncomingInvitation> pendingInvitations() {
    return inbox.pending();
  }

  /**
   * Accepts an invitation: returns the conversation both sides derive. Sends nothing.
   *
   * @throws IllegalArgumentException if the invitation is not pending (already answered)
   */
  public ConversationStart accept(IncomingInvitation invitation) {
    if (!inbox.remove(invitation)) {
      throw new IllegalArgumentException("the invitation from "
          + invitation.caller().username() + " is not pending: it was already answered");
    }
    return new ConversationStart(invitation.caller(), invitation.startRound(),
        invitation.callSecret());
  }

  /** Forgets an invitation. Sends nothing, so the caller cannot tell it from being ignored. */
  public void decline(IncomingInvitation invitation) {
    inbox.remove(invitation);
  }

  // ---- SessionObserver

  @Override
  public synchronized void sessionOpened(ByteString sessionId) {
    session = sessionId;
  }

  @Override
  public void event(RoundEvent event) {
    switch (event.getEventCase()) {
      case SETTINGS -> noteConversationRound(event.getSettings().getRound());
      case DIALING -> {
        long received = System.nanoTime(); // the submission is timed from here (RoundSubmitter)
        later(() -> submit(event.getDialing(), received));
      }
      case DIALING_READY -> later(() -> ready(event.getDialingReady()));
      case DIALING_ABORTED -> later(() -> retry(
          event.getDialingAborted().getDialingRound(),
          "dialing round aborted: " + event.getDialingAborted().getReason()));
      default -> { }
    }
  }

  @Override
  public void sessionClosed(String why) {
    synchronized (this) {
      session = null;
      coverOnly.clear(); // their calls go out again below
    }
    submitter.abandonAll("disconnected: " + why);
    later(() -> calls.retryAll("disconnected: " + why)
        .forEach(call -> listener.callDelayed(call, "disconnected: " + why)));
  }

  private synchronized void noteConversationRound(long round) {
    conversationRound = Math.max(conversationRound, round);
  }

  // ---- step 1: one dialing onion per round

  private void submit(DialingRoundSettings settings, long receivedNanos) {
    ByteString sessionId;
    synchronized (this) {
      if (closed || session == null) {
        return;
      }
      sessionId = session;
    }
    submitter.open(sessionId, settings, receivedNanos, true); // no replies to wait for
  }

  /** What a dialing round asks of this client: one request, real or cover, and no replies. */
  private final class Dialing implements ClientRoundKind<DialingRoundSettings> {
    @Override
    public RoundKind kind() {
      return RoundKind.DIALING;
    }

    @Override
    public long round(DialingRoundSettings settings) {
      return settings.getDialingRound();
    }

    @Override
    public List<MixRoundKey> keys(DialingRoundSettings settings) {
      return settings.getMixKeysList();
    }

    @Override
    public long remainingMs(DialingRoundSettings settings) {
      return SubmissionTiming.remainingMs(settings.getSubmitDeadlineUnixMs(),
          settings.getServerTimeUnixMs(), descriptor.dialing().roundIntervalMs());
    }

    @Override
    public String problem(DialingRoundSettings settings) {
      int expected = WireSizes.dialingOnionSize(descriptor.chainLength());
      if (settings.getOnionSize() != expected
          || settings.getInvitationSize() != WireSizes.INVITATION) {
        return "the coordinator announces " + settings.getOnionSize() + "-byte dialing onions "
            + "and " + settings.getInvitationSize() + "-byte invitations; this client speaks "
            + expected + " and " + WireSizes.INVITATION
            + " (update the client or check the descriptor)";
      }
      int maxBuckets = descriptor.dialing().maxBuckets();
      if (settings.getBucketCount() < 1 || settings.getBucketCount() > maxBuckets) {
        return "the coordinator announces a dialing round of " + settings.getBucketCount()
            + " buckets; the pinned descriptor allows 1 to " + maxBuckets;
      }
      return null;
    }

    @Override
    public int bucketCount(DialingRoundSettings settings) {
      return settings.getBucketCount();
    }

    @Override
    public List<byte[]> requests(DialingRoundSettings settings) throws RejectedInputException {
      return List.of(request(settings, calls.take(settings.getDialingRound())));
    }

    @Override
    public List<byte[]> cover(DialingRoundSettings settings) throws RejectedInputException {
      return List.of(coverRequest(settings.getDialingRound()));
    }

    @Override
    public void send(ByteString session, DialingRoundSettings settings,
        List<ByteString> onions, StreamObserver<Object> answer) {
      DialingGatewayGrpc.newStub(channel).withDeadlineAfter(rpcTimeoutMs, TimeUnit.MILLISECONDS)
          .submitInvitation(SubmitInvitationRequest.newBuilder().setSessionId(session)
              .setDialingRound(settings.getDialingRound()).setOnion(onions.get(0)).build(),
              new RoundParticipant.ForwardTo<>(answer));
    }

    @Override
    public void refused(DialingRoundSettings settings, String why) {
      listener.dialingRoundFailed(settings.getDialingRound(), why);
    }

    @Override
    public void sending(DialingRoundSettings settings, List<WrappedOnion> onions, boolean real) {
      onions.forEach(WrappedOnion::destroy); // dialing has no replies
      rememberBucketCount(settings.getDialingRound(), settings.getBucketCount());
      if (!real) {
        synchronized (DialingParticipant.this) {
          coverOnly.add(settings.getDialingRound());
        }
      }
    }

    @Override
    public void accepted(DialingRoundSettings settings, boolean real) {
      long round = settings.getDialingRound();
      Optional<OutgoingCall> call = real ? calls.inFlight(round) : Optional.empty();
      stats.sent(call.isPresent());
      call.ifPresent(c -> listener.callSent(c, round));
    }

    @Override
    public void withdrawn(DialingRoundSettings settings, String why) {
      long round = settings.getDialingRound();
      later(() -> retry(round, why));
    }

    @Override
    public void failed(DialingRoundSettings settings, String why) {
      long round = settings.getDialingRound();
      listener.dialingRoundFailed(round, why);
      later(() -> retry(round, why));
    }
  }

  /**
   * The start round of a new call: the latest conversation round this client has seen. No round
   * either side can still be asked to send in is before it, so both can anchor the conversation
   * there and step forward to their first round. Before any round was seen, the clock gives a
   * round number just behind the coordinator's (conversation rounds are wall-clock slots).
   */
  private synchronized long startRound() {
    return conversationRound >= 0 ? conversationRound
        : Math.max(0, System.currentTimeMillis() / descriptor.roundIntervalMs() - 1);
  }

  /**
   * The round's dialing request: {@code call}'s invitation, or cover. A call whose callee key is
   * unusable fails (its future completes exceptionally) and the round carries cover instead.
   */
  private byte[] request(DialingRoundSettings settings, Optional<OutgoingCall> call)
      throws RejectedInputException {
    long round = settings.getDialingRound();
    if (call.isPresent()) {
      Contact callee = call.get().callee();
      try {
        InvitationBody invitation = new InvitationBody(me.username(), me.signing().publicKey(),
            me.dh().publicKey(), call.get().start().startRound());
        byte[] ephemeral = call.get().ephemeral();
        if (ephemeral == null) {
          throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
              "the call is already over");
        }
        try {
          // the call's own ephemeral key, so its secret stays the one both sides derive
          byte[] sealed = InvitationBox.seal(invitation, me.signing().privateKey(),
              call.get().calleeDialingKey(), round, x25519, ephemeral);
          return new DialingRequest(DialingBucket.of(callee.username(),
              settings.getBucketCount()), sealed).encode();
        } finally {
          Arrays.fill(ephemeral, (byte) 0);
        }
      } catch (RejectedInputException e) { // the callee's key is a low-order point
        calls.drop(round);
        call.get().failed(callee.username() + "'s dialing key is unusable: " + e.getMessage());
      }
    }
    return coverRequest(round);
  }

  /** A dialing request to the no-op bucket: a throwaway invitation sealed to a random key. */
  private byte[] coverRequest(long round) throws RejectedInputException {
    byte[] throwaway = new byte[WireSizes.X25519_KEY];
    random.nextBytes(throwaway);
    InvitationBody invitation = new InvitationBody(me.username(), me.signing().publicKey(),
        me.dh().publicKey(), startRound());
    byte[] sealed = InvitationBox.seal(invitation, me.signing().privateKey(),
        x25519.publicKey(throwaway), round, x25519, random);
    Arrays.fill(throwaway, (byte) 0);
    return new DialingRequest(DialingRequest.NO_OP_BUCKET, sealed).encode();
  }

  private void retry(long round, String why) {
    synchronized (this) {
      coverOnly.remove(round);
    }
    calls.retry(round, why).ifPresent(call -> listener.callDelayed(call, why));
  }

  // ---- step 2: this client's bucket

  private void rememberBucketCount(long round, int buckets) {
    signedBucketCounts.put(round, buckets);
    // rounds whose buckets were announced long ago are done with
    signedBucketCounts.keySet().removeIf(r -> r < round - 16);
  }

  private void ready(DialingBucketsReady ready) {
    long round = ready.getDialingRound();
    boolean carriedCall;
    synchronized (this) {
      carriedCall = !coverOnly.remove(round);
    }
    if (carriedCall) {
      calls.delivered(round);
    } // else a call taken for the round was withdrawn, to go out again (or soon will be)
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    Integer signed = signedBucketCounts.remove(round);
    if (signed == null) {
      log.debug("not fetching a bucket of dialing round {}: this client did not take part in it, "
          + "so it has no signed bucket count for it", round);
      return;
    }
    if (signed != ready.getBucketCount()) {
      log.warn("the coordinator says dialing round {} has {} buckets, but the mixes signed {}; "
          + "fetching with the signed count", round, ready.getBucketCount(), signed);
    }
    fetch(round, signed, 1);
  }

  private void fetch(long round, int bucketCount, int attempt) {
    int bucket = DialingBucket.of(me.username(), bucketCount);
    FetchBucketRequest request = FetchBucketRequest.newBuilder().setDialingRound(round)
        .setBucket(bucket).build();
    BucketStreams.fetch(observer -> DialingGatewayGrpc.newStub(channel)
                .withDeadlineAfter(rpcTimeoutMs, TimeUnit.MILLISECONDS)
                .fetchBucket(request, observer),
            round, bucket, bucketCount, WireSizes.INVITATION, MAX_BUCKET_INVITATIONS)
        .whenCompleteAsync((invitations, error) -> {
          if (error == null) {
            scan(round, invitations);
          } else if (attempt < FETCH_ATTEMPTS) {
            scheduler.schedule(() -> fetch(round, bucketCount, attempt + 1), 500L * attempt,
                TimeUnit.MILLISECONDS);
          } else {
            listener.dialingRoundFailed(round, "could not download bucket " + bucket + ": "
                + Status.fromThrowable(error).getDescription());
          }
        }, scheduler);
  }

  /**
   * Trial decryption: every invitation of the bucket, with this client's dialing keys of the
   * round's key epoch and the one before (never with the identity key, §14.8).
   */
  private void scan(long round, byte[][] invitations) {
    stats.fetched(invitations.length);
    long epoch = descriptor.dialing().keyEpochAt(round * descriptor.dialing().roundIntervalMs());
    List<X25519KeyPair> openers = keys.openers(epoch);
    for (byte[] sealed : invitations) {
      RejectedInputException last = new RejectedInputException(
          RejectedInputException.Reason.BAD_MAC, "no dialing key of this epoch");
      boolean opened = false;
      for (X25519KeyPair key : openers) {
        try {
          InvitationBody body = InvitationBox.open(sealed, key, round, x25519);
          byte[] callSecret = CallSecret.forCallee(x25519, key,
              Arrays.copyOf(sealed, WireSizes.X25519_KEY));
          received(round, body, callSecret);
          opened = true;
          break;
        } catch (RejectedInputException e) {
          last = e;
        }
      }
      if (!opened) {
        stats.rejected(last.reason());
        if (last.reason() == RejectedInputException.Reason.BAD_SIGNATURE) {
          log.warn("dropped a forged invitation in dialing round {}: {}", round,
              last.getMessage());
        }
      }
    }
  }

  private void received(long round, InvitationBody invitation, byte[] callSecret) {
    Contact caller = new Contact(invitation.callerUsername(), invitation.callerSigningKey(),
        invitation.callerDhKey());
    String outOfWindow = startRounds.problem(invitation.startRound(), startRound());
    if (outOfWindow != null) {
      stats.rejected(RejectedInputException.Reason.MALFORMED);
      log.warn("dropped an invitation from {}: {}", caller.username(), outOfWindow);
      return;
    }
    // The check may hold the invitation for a while (a caller the client's mirror of the
    // directory does not list yet); the rest of the bucket goes on meanwhile.
    callerCheck.decide(caller).thenAccept(vouched -> later(() -> {
      if (!vouched) {
        stats.impostor();
        log.warn("dropped an invitation claiming to be from {} with keys that are not theirs",
            caller.username());
        return;
      }
      IncomingInvitation incoming = new IncomingInvitation(caller, invitation.startRound(),
          round, callSecret);
      if (inbox.add(incoming)) {
        stats.received();
        listener.invitationReceived(incoming);
      }
    }));
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    submitter.abandonAll("the client closed");
  }

  /**
   * Runs {@code work} on this participant's thread. Once the client is closed there is no such
   * thread, and an answer arriving late (a gRPC callback) has nothing left to do: the
   * calls stay queued in the store and go out the next time a client runs.
   */
  private void later(Runnable work) {
    try {
      scheduler.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closed meanwhile; see above
    }
  }
}
