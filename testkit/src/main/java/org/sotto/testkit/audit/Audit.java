package org.sotto.testkit.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.sotto.client.SottoException;
import org.sotto.client.dialing.Invitation;
import org.sotto.coordinator.DialingOutcome;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundKind;
import org.sotto.testkit.cluster.LocalCluster;

/**
 * {@code sotto audit}'s engine: real clients of every {@link ClientClass} on a running in-process
 * cluster, watched from the servers' side through the coordinator's and mixes' hooks, for a
 * number of conversation rounds; {@link AuditAnalysis} then says whether the coordinator and the
 * mixes could tell the classes apart, and whether the mixes add the noise and shuffle the
 * descriptor promises.
 *
 * <p>Setup (not measured): every client registers and connects; chatting clients pair up by
 * dialing each other and accepting; the audit waits until every client takes part in both kinds
 * of round. Measured: from two rounds after the setup on, chatting clients always have a message
 * queued, and every other dialing round each dialing client adds a contact (if new) and dials it.
 */
public final class Audit {
  /** Messages each chatting client keeps waiting, so every round carries a real one. */
  private static final int QUEUED_MESSAGES = 2;
  /** Rounds of each kind that finish after the measurement starts but collected before it. */
  private static final int ROUNDS_SKIPPED = 2;
  private static final char[] PASSWORD = "audit lantern 58 quarry moss".toCharArray();

  private final LocalCluster cluster;
  private final AuditPlan plan;
  private final Path workDir;
  private final PrintWriter progress;
  private final AuditRecorder recorder = new AuditRecorder();
  private final List<AuditedClient> clients = new ArrayList<>();
  private final ClusterDescriptor descriptor;
  private long messages;

  private Audit(LocalCluster cluster, AuditPlan plan, Path workDir, PrintWriter progress) {
    this.cluster = cluster;
    this.plan = plan;
    this.workDir = workDir;
    this.progress = progress;
    this.descriptor = cluster.descriptor();
  }

  /**
   * Runs {@code plan} on {@code cluster} (its clients keep their folders under {@code workDir})
   * and analyses what the servers saw. Progress lines go to {@code progress}.
   *
   * @throws AuditException if the run could not be carried out (clients never joined, rounds
   *     stopped); a run that completes returns a report, passed or not
   */
  public static AuditReport run(LocalCluster cluster, AuditPlan plan, Path workDir,
      PrintWriter progress) throws AuditException, InterruptedException {
    Audit audit = new Audit(cluster, plan, workDir, progress);
    try {
      return audit.run();
    } finally {
      audit.clients.forEach(AuditedClient::close);
    }
  }

  private AuditReport run() throws AuditException, InterruptedException {
    cluster.coordinator().addCallObserver(recorder);
    cluster.coordinator().addSubmissionListener(recorder);
    for (int i = 0; i < cluster.mixes().size(); i++) {
      cluster.mix(i).addObserver(recorder.mix(i));
    }
    setUp();
    Window window = measure();
    return new AuditAnalysis(descriptor, plan, clients, recorder, window).report();
  }

  /** The measured stretch: its rounds of each kind and its span on System.nanoTime(). */
  record Window(Set<Long> rounds, Set<Long> dialingRounds, int aborted, long startNanos,
      long endNanos) {}

  private void setUp() throws AuditException, InterruptedException {
    say("audit: %d idle, %d chatting and %d dialing clients register and connect%n",
        plan.count(ClientClass.IDLE), plan.count(ClientClass.CHATTING),
        plan.count(ClientClass.DIALING));
    try {
      for (ClientClass c : ClientClass.values()) {
        for (int i = 0; i < plan.count(c); i++) {
          String name = c.key() + "_" + i;
          AuditedClient client = new AuditedClient(c, name, workDir.resolve(name),
              cluster.files().descriptor(), plan.extra(c));
          clients.add(client);
          client.client.register(name, PASSWORD);
          client.client.connect();
        }
      }
      await("every client submits in both kinds of round", this::everyoneSubmits);
      List<AuditedClient> chatting = of(ClientClass.CHATTING);
      for (int i = 0; i < chatting.size(); i += 2) {
        AuditedClient caller = chatting.get(i);
        AuditedClient callee = chatting.get(i + 1);
        caller.client.addContact(callee.username);
        caller.client.dial(callee.username);
        await(callee.username + " receives " + caller.username + "'s invitation",
            () -> !callee.invitations.isEmpty());
        callee.client.accept(caller.username);
      }
      topUp();
    } catch (SottoException e) {
      throw new AuditException("setting up the audit's clients failed: " + e.getMessage(), e);
    }
  }

  private boolean everyoneSubmits() {
    Map<String, Set<RoundKind>> seen = new ConcurrentHashMap<>();
    for (AuditRecorder.Submission s : recorder.submissions) {
      seen.computeIfAbsent(s.session(), k -> ConcurrentHashMap.newKeySet()).add(s.kind());
    }
    return clients.stream().allMatch(c -> c.tap.sessions.stream()
        .anyMatch(s -> seen.getOrDefault(s, Set.of()).size() == RoundKind.values().length));
  }

  private Window measure() throws AuditException, InterruptedException {
    LinkedBlockingQueue<Object> finished = new LinkedBlockingQueue<>();
    AtomicBoolean listening = new AtomicBoolean(true);
    cluster.coordinator().addRoundListener(o -> {
      if (listening.get()) {
        finished.add(o);
      }
    });
    cluster.coordinator().addDialingListener(o -> {
      if (listening.get()) {
        finished.add(o);
      }
    });
    say("audit: measuring %d rounds of %d ms (dialing rounds of %d ms)%n",
        plan.rounds(), descriptor.roundIntervalMs(), descriptor.dialing().roundIntervalMs());
    long start = System.nanoTime();
    Set<Long> rounds = new java.util.TreeSet<>();
    Set<Long> dialingRounds = new java.util.TreeSet<>();
    int skippedRounds = 0;
    int skippedDialing = 0;
    int aborted = 0;
    int dialingStep = 0;
    long patienceMs = Math.max(descriptor.roundIntervalMs(), descriptor.dialing().roundIntervalMs())
        * 10;
    try {
      while (rounds.size() < plan.rounds()) {
        Object next = finished.poll(patienceMs, TimeUnit.MILLISECONDS);
        if (next == null) {
          throw new AuditException("no round finished for " + patienceMs + " ms after "
              + rounds.size() + " measured rounds; the cluster stopped making progress");
        }
        if (next instanceof RoundOutcome o) {
          if (skippedRounds < ROUNDS_SKIPPED) {
            skippedRounds++;
            continue;
          }
          rounds.add(o.round());
          aborted += o.delivered() ? 0 : 1;
          topUp();
          if (rounds.size() % Math.max(1, plan.rounds() / 10) == 0) {
            say("audit: %d/%d rounds%n", rounds.size(), plan.rounds());
          }
        } else if (next instanceof DialingOutcome d) {
          if (skippedDialing < ROUNDS_SKIPPED) {
            skippedDialing++;
            continue;
          }
          dialingRounds.add(d.round());
          aborted += d.delivered() ? 0 : 1;
          dial(dialingStep++);
        }
      }
    } catch (SottoException e) {
      throw new AuditException("an audited client failed: " + e.getMessage(), e);
    } finally {
      listening.set(false);
    }
    return new Window(rounds, dialingRounds, aborted, start, System.nanoTime());
  }

  /** Keeps {@link #QUEUED_MESSAGES} waiting at every chatting client. */
  private void topUp() throws SottoException {
    List<AuditedClient> chatting = of(ClientClass.CHATTING);
    for (int i = 0; i < chatting.size(); i++) {
      AuditedClient me = chatting.get(i);
      String peer = chatting.get(i ^ 1).username; // pairs are 0-1, 2-3, ...
      while (me.client.outbox(peer).size() < QUEUED_MESSAGES) {
        me.client.send(peer, "audit message " + ++messages);
      }
    }
  }

  /**
   * Dialing step {@code step}: half the dialing clients (alternating) dial the next one of the
   * others in turn, adding it as a contact first if it is new, as a user would; everyone
   * declines what they were called with (declining sends nothing).
   */
  private void dial(int step) throws SottoException {
    List<AuditedClient> dialing = of(ClientClass.DIALING);
    int n = dialing.size();
    for (int i = 0; i < n; i++) {
      AuditedClient me = dialing.get(i);
      for (Invitation invitation : me.client.invitations()) {
        me.client.decline(invitation.caller().username());
      }
      if ((step + i) % 2 != 0 || me.client.pendingInvitations() > 0) {
        continue;
      }
      String peer = dialing.get((i + 1 + (step / 2) % (n - 1)) % n).username;
      me.dials.add(System.nanoTime());
      if (me.client.contacts().stream().noneMatch(c -> c.username().equals(peer))) {
        me.client.addContact(peer);
      }
      me.client.dial(peer);
    }
  }

  private void say(String format, Object... args) {
    progress.printf(format, args);
    progress.flush();
  }

  private List<AuditedClient> of(ClientClass c) {
    return clients.stream().filter(x -> x.kind == c).toList();
  }

  private void await(String what, BooleanSupplier done) throws AuditException,
      InterruptedException {
    long patienceMs = 20 * Math.max(descriptor.roundIntervalMs(),
        descriptor.dialing().roundIntervalMs()) + 10_000;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMs);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AuditException("waited " + patienceMs / 1000 + " s for " + what
            + ", in vain; is the cluster making rounds?");
      }
      Thread.sleep(50);
    }
  }

  /** Classes in declaration order, for tables. */
  static <V> Map<ClientClass, V> perClass() {
    return new EnumMap<>(ClientClass.class);
  }
}
