package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.conversation.ConversationListener;
import org.sotto.client.conversation.ConversationStore;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.CallerCheck;
import org.sotto.client.dialing.DialingListener;
import org.sotto.client.dialing.DialingKeys;
import org.sotto.client.dialing.DialingParticipant;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.client.dialing.IncomingInvitation;
import org.sotto.client.dialing.OutgoingCall;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SessionObserver;
import org.sotto.client.round.SlotAllocator;
import org.sotto.client.round.SubmissionTiming;
import org.sotto.client.store.ClientDatabase;
import org.sotto.client.store.ConversationTable;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.proto.RoundEvent;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * What the coordinator learns from when each client's onions arrive. Idle clients (cover only),
 * chatting clients (a conversation kept busy, its state in a real client database on a disk made
 * slower still, and a call queued in every dialing round) and "leaky" chatting clients, which
 * submit {@value #LEAK_MS} ms later than the schedule says, all run against one in-process
 * cluster. Every accepted submission is timed where the coordinator takes it, relative to its
 * round's deadline, and the distributions compared per kind of round with Mann–Whitney and
 * two-sample Kolmogorov–Smirnov tests; how often each role got into its rounds is compared with
 * a χ² test (a client late because it is busy would also be refused more often):
 *
 * <ul>
 *   <li>idle and chatting must be indistinguishable: p ≥ {@value #SAME_P} for all three. The
 *       threshold is the chance of a false alarm per comparison when nothing leaks;
 *   <li>the leaky clients must be told apart: p &lt; {@value #LEAK_P} for both. This is the same
 *       comparison with a leak put back (the audit measured chatting clients ~20 ms late), so
 *       it shows the check has the power to see such a leak at this many rounds.
 * </ul>
 */
class SubmissionTimingEndToEndTest {
  private static final X25519 X = X25519Engines.best();
  private static final long INTERVAL_MS = 300;
  private static final ClusterDescriptor.DialingSettings DIALING =
      new ClusterDescriptor.DialingSettings(INTERVAL_MS, 1, 64,
          new ClusterDescriptor.NoiseSettings(2, 1));
  private static final long RUN_MS = 30_000;
  /** Rounds of either kind left out at the start, while the clients connect. */
  private static final int WARM_UP_ROUNDS = 4;
  /** Added to every conversation write of a chatting client, on top of SQLite's own fsync. */
  private static final long SLOW_WRITE_MS = 10;
  /** How much later than scheduled the leaky clients submit. */
  private static final long LEAK_MS = 20;
  private static final double SAME_P = 0.001;
  private static final double LEAK_P = 1e-4;
  private static final int PER_ROLE = 4;

  private enum Role { IDLE, CHATTING, LEAKY }

  /** One accepted submission: when the coordinator took it. */
  private record Arrival(RoundKind kind, long round, String session, Instant at) {}

  private record RoundId(RoundKind kind, long round) {}

  /** A submission the coordinator refused (or that could not be made). */
  private record Refusal(RoundKind kind, String why) {}

  private final Map<String, Role> roles = new ConcurrentHashMap<>();
  private final Map<RoundId, Long> deadlines = new ConcurrentHashMap<>();

  @Test
  void idleAndChattingClientsSubmitAtTheSameTimesAndALateChatterIsCaught(@TempDir Path dir)
      throws Exception {
    List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    Clock clock = Clock.systemUTC();
    List<TimedClient> clients = new ArrayList<>();
    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, INTERVAL_MS, 1,
        2, 1, DIALING)) {
      cluster.coordinator().addSubmissionListener((kind, round, session, sizes) ->
          arrivals.add(new Arrival(kind, round, session, clock.instant())));
      ClusterDescriptor descriptor = cluster.descriptor();
      SubmissionTiming leaky = new SubmissionTiming() {
        @Override
        public long prepareByMs(long remainingMs) {
          return DEFAULT.prepareByMs(remainingMs);
        }

        @Override
        public long submitAfterMs(long remainingMs) {
          return DEFAULT.submitAfterMs(remainingMs) + LEAK_MS;
        }
      };
      long start = System.currentTimeMillis() / INTERVAL_MS - 1;
      try {
        for (int i = 0; i < PER_ROLE; i++) {
          clients.add(new TimedClient(descriptor, Role.IDLE, "idle" + i,
              SubmissionTiming.DEFAULT));
        }
        for (int i = 0; i < PER_ROLE / 2; i++) {
          pair(descriptor, dir, Role.CHATTING, SubmissionTiming.DEFAULT, i, start, clients);
          pair(descriptor, dir, Role.LEAKY, leaky, i, start, clients);
        }
        clients.forEach(TimedClient::start);
        Thread.sleep(RUN_MS);
      } finally {
        clients.forEach(TimedClient::close);
      }
    }

    for (TimedClient c : clients) {
      if (c.role != Role.IDLE) {
        assertThat(c.received.get()).as("%s received messages: the chatting path ran", c.name)
            .isGreaterThan(10);
        assertThat(c.callsSent.get()).as("%s sent calls: the dialing path ran", c.name)
            .isGreaterThan(5);
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (RoundKind kind : RoundKind.values()) {
      Verdict v = new Verdict(kind, offsets(arrivals, kind), gotIn(arrivals, clients, kind));
      System.out.println(v);
      verdicts.add(v);
    }
    verdicts.forEach(Verdict::check);
  }

  /** Arrival times compared between roles by two tests. */
  private record Comparison(double mannWhitneyP, double ksP) {
    static Comparison of(double[] a, double[] b) {
      return new Comparison(new MannWhitneyUTest().mannWhitneyUTest(a, b),
          new KolmogorovSmirnovTest().kolmogorovSmirnovTest(a, b));
    }

    @Override
    public String toString() {
      return String.format("Mann–Whitney p = %.3g, KS p = %.3g", mannWhitneyP, ksP);
    }
  }

  /**
   * What one kind of round showed: arrival times per role (ms after the deadline) and, per role,
   * how many submissions got into their round and how many were refused.
   */
  private record Verdict(RoundKind kind, Map<Role, double[]> offsets,
      Map<Role, long[]> counts) {
    Comparison same() {
      return Comparison.of(offsets.get(Role.IDLE), offsets.get(Role.CHATTING));
    }

    Comparison leak() {
      return Comparison.of(offsets.get(Role.IDLE), offsets.get(Role.LEAKY));
    }

    /**
     * Whether chatting clients get into rounds as often as idle ones (χ² on accepted and
     * refused): a client late because it is busy would also be refused more often.
     */
    double gotInP() {
      long[] idle = counts.get(Role.IDLE);
      long[] chatting = counts.get(Role.CHATTING);
      if (idle[1] + chatting[1] == 0) {
        return 1; // nobody was refused: nothing to tell apart
      }
      return new ChiSquareTest().chiSquareTest(new long[][] {idle, chatting});
    }

    void check() {
      assertThat(offsets.get(Role.IDLE).length).as("%s samples per role", kind)
          .isGreaterThan(150);
      assertThat(same().mannWhitneyP()).as("%s: idle vs chatting, Mann–Whitney", kind)
          .isGreaterThanOrEqualTo(SAME_P);
      assertThat(same().ksP()).as("%s: idle vs chatting, Kolmogorov–Smirnov", kind)
          .isGreaterThanOrEqualTo(SAME_P);
      assertThat(gotInP()).as("%s: idle vs chatting, accepted vs refused (χ²)", kind)
          .isGreaterThanOrEqualTo(SAME_P);
      assertThat(leak().mannWhitneyP()).as("%s: idle vs leaky, Mann–Whitney", kind)
          .isLessThan(LEAK_P);
      assertThat(leak().ksP()).as("%s: idle vs leaky, Kolmogorov–Smirnov", kind)
          .isLessThan(LEAK_P);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(String.format("%s: %d samples per role; ms before "
          + "the deadline (median):", kind, offsets.get(Role.IDLE).length));
      for (Role role : Role.values()) {
        out.append(String.format(" %s %.1f", role, -median(offsets.get(role))));
      }
      out.append("; accepted/refused:");
      for (Role role : Role.values()) {
        out.append(String.format(" %s %d/%d", role, counts.get(role)[0], counts.get(role)[1]));
      }
      return out.append(String.format("; idle vs chatting %s, χ² p = %.3g; idle vs leaky %s",
          same(), gotInP(), leak())).toString();
    }
  }

  /** Per role, submissions of {@code kind} accepted and refused. */
  private Map<Role, long[]> gotIn(List<Arrival> arrivals, List<TimedClient> clients,
      RoundKind kind) {
    Map<Role, long[]> counts = new HashMap<>();
    for (Role role : Role.values()) {
      counts.put(role, new long[2]);
    }
    arrivals.stream().filter(a -> a.kind() == kind && roles.containsKey(a.session()))
        .forEach(a -> counts.get(roles.get(a.session()))[0]++);
    for (TimedClient c : clients) {
      counts.get(c.role)[1] += c.refused.stream().filter(r -> r.kind() == kind).count();
    }
    return counts;
  }

  private static double median(double[] values) {
    return new Median().evaluate(values);
  }

  /**
   * Each role's arrival times for {@code kind}, in ms after the round's deadline (negative:
   * before it), from the rounds in which every client's submission was accepted, so each role
   * is measured in the same rounds.
   */
  private Map<Role, double[]> offsets(List<Arrival> arrivals, RoundKind kind) {
    Map<Long, List<Arrival>> byRound = new HashMap<>();
    for (Arrival a : arrivals) {
      if (a.kind() == kind && roles.containsKey(a.session())) {
        byRound.computeIfAbsent(a.round(), r -> new ArrayList<>()).add(a);
      }
    }
    long first = byRound.keySet().stream().mapToLong(r -> r).min().orElse(0) + WARM_UP_ROUNDS;
    Map<Role, List<Double>> lists = new HashMap<>();
    for (Role role : Role.values()) {
      lists.put(role, new ArrayList<>());
    }
    byRound.forEach((round, seen) -> {
      Long deadline = deadlines.get(new RoundId(kind, round));
      if (round < first || deadline == null || seen.size() != roles.size()) {
        return;
      }
      for (Arrival a : seen) {
        double ms = a.at().getEpochSecond() * 1000.0 + a.at().getNano() / 1e6 - deadline;
        lists.get(roles.get(a.session())).add(ms);
      }
    });
    Map<Role, double[]> out = new HashMap<>();
    lists.forEach((role, list) -> out.put(role,
        list.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /** Two clients of {@code role} in one conversation, each also calling the other. */
  private void pair(ClusterDescriptor descriptor, Path dir, Role role, SubmissionTiming timing,
      int i, long startRound, List<TimedClient> clients) throws Exception {
    TimedClient a = new TimedClient(descriptor, role, role.name().toLowerCase() + "a" + i,
        timing);
    TimedClient b = new TimedClient(descriptor, role, role.name().toLowerCase() + "b" + i,
        timing);
    a.talkTo(b, dir, startRound);
    b.talkTo(a, dir, startRound);
    clients.add(a);
    clients.add(b);
  }

  /**
   * A real client wired as a client facade wires it (one channel, a round participant whose
   * session a dialing participant shares, its own executor), whose session is recorded with
   * its role and whose settings events give each round's deadline.
   */
  private final class TimedClient implements DialingListener, AutoCloseable {
    final Role role;
    final String name;
    final Identity identity;
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger callsSent = new AtomicInteger();
    /** Submissions of either kind that did not get into their round, and why. */
    final List<Refusal> refused = new CopyOnWriteArrayList<>();
    private final ManagedChannel channel;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SlotAllocator slots = new SlotAllocator();
    private final DialingParticipant dialer;
    private final RoundParticipant rounds;
    private final List<ClientDatabase> databases = new ArrayList<>();

    TimedClient(ClusterDescriptor descriptor, Role role, String name, SubmissionTiming timing) {
      this.role = role;
      this.name = name;
      this.identity = Identity.generate(name, X, new SecureRandom());
      channel = Channels.open(descriptor.coordinator(),
          TlsContexts.pinned(descriptor.caCertificate()));
      X25519KeyPair dialingKey = X25519KeyPair.generate(X, new SecureRandom());
      DialingClient.DIALING_KEYS.put(name, dialingKey.publicKey());
      dialer = new DialingParticipant(descriptor, channel, identity, X, CallerCheck.UNCHECKED,
          DialingKeys.fixed(DialingClient.DIALING_KEYS, dialingKey), this, scheduler, timing);
      SessionObserver recording = new SessionObserver() {
        @Override
        public void sessionOpened(ByteString sessionId) {
          roles.put(HexFormat.of().formatHex(sessionId.toByteArray()), role);
          dialer.sessionOpened(sessionId);
        }

        @Override
        public void event(RoundEvent event) {
          if (event.hasSettings()) {
            deadlines.putIfAbsent(new RoundId(RoundKind.CONVERSATION,
                event.getSettings().getRound()), event.getSettings().getSubmitDeadlineUnixMs());
          } else if (event.hasDialing()) {
            deadlines.putIfAbsent(new RoundId(RoundKind.DIALING,
                event.getDialing().getDialingRound()),
                event.getDialing().getSubmitDeadlineUnixMs());
          }
          dialer.event(event);
        }

        @Override
        public void sessionClosed(String why) {
          dialer.sessionClosed(why);
        }
      };
      rounds = new RoundParticipant(descriptor, channel, X, slots, new ParticipantListener() {
        @Override
        public void submissionRejected(long round, String reason) {
          refused.add(new Refusal(RoundKind.CONVERSATION, reason));
        }
      }, scheduler, recording, timing);
    }

    /**
     * A conversation with {@code peer} kept in this client's own database, as a client keeps
     * it, on a disk {@value #SLOW_WRITE_MS} ms slower per write; three messages are always
     * waiting in it, and a call to the peer in every dialing round.
     */
    void talkTo(TimedClient peer, Path dir, long startRound) throws Exception {
      ClientDatabase db = ClientDatabase.open(dir.resolve(name));
      databases.add(db);
      db.identity().save(identity, 1);
      db.contacts().add(peer.identity.asContact());
      String other = peer.identity.username();
      db.conversations().start(other, startRound, ConversationRatchet.start(X,
          identity.dh().privateKey(), identity.dh().publicKey(), peer.identity.dh().publicKey(),
          new byte[32], startRound).chainKey());
      ConversationTable.Saved saved = db.conversations().load(other).orElseThrow();
      Conversation[] conversation = new Conversation[1];
      conversation[0] = Conversation.resume(identity, peer.identity.asContact(), saved.state(),
          new SlowStore(db.conversations().storeFor(other, saved.generation())),
          new ConversationListener() {
            @Override
            public void received(long sequence, byte[] body) {
              received.incrementAndGet();
            }

            @Override
            public void deliveryChanged(long sequence, Delivery state) {
              if (state == Delivery.DELIVERED) {
                scheduler.execute(() -> conversation[0].send(text(sequence)));
              }
            }
          });
      for (int i = 0; i < 3; i++) {
        conversation[0].send(text(i));
      }
      slots.add(conversation[0]);
      scheduler.scheduleWithFixedDelay(() -> {
        if (dialer.pendingCalls() == 0) {
          dialer.dial(peer.identity.asContact());
        }
      }, 0, DIALING.roundIntervalMs() / 4, TimeUnit.MILLISECONDS);
    }

    private byte[] text(long n) {
      return ("message " + n + " from " + name).getBytes(StandardCharsets.UTF_8);
    }

    void start() {
      rounds.start();
    }

    @Override
    public void invitationReceived(IncomingInvitation invitation) {
      dialer.decline(invitation); // only the traffic matters here
    }

    @Override
    public void callSent(OutgoingCall call, long dialingRound) {
      callsSent.incrementAndGet();
    }

    @Override
    public void dialingRoundFailed(long dialingRound, String why) {
      refused.add(new Refusal(RoundKind.DIALING, why));
    }

    @Override
    public void close() {
      rounds.close();
      dialer.close();
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS); // a preparation may be writing
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Channels.close(channel);
      databases.forEach(ClientDatabase::close);
    }
  }

  /** A disk slower than this machine's: every conversation write takes longer. */
  private static final class SlowStore implements ConversationStore {
    private final ConversationStore store;

    SlowStore(ConversationStore store) {
      this.store = store;
    }

    private static void slow() {
      try {
        Thread.sleep(SLOW_WRITE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void queued(long sequence, byte[] body) {
      slow();
      store.queued(sequence, body);
    }

    @Override
    public void sent(long sequence) {
      slow();
      store.sent(sequence);
    }

    @Override
    public void ratchetAt(long round, byte[] chainKey) {
      slow();
      store.ratchetAt(round, chainKey);
    }

    @Override
    public void received(long sequence, byte[] body) {
      slow();
      store.received(sequence, body);
    }

    @Override
    public void acknowledged(long sequence) {
      slow();
      store.acknowledged(sequence);
    }
  }
}
