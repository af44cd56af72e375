package org.sotto.launcher.demo;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.ParticipantListener;
import org.sotto.client.round.RoundParticipant;
import org.sotto.client.round.SlotAllocator;
import org.sotto.coordinator.RoundOutcome;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.message.ConversationRatchet;
import org.sotto.core.rpc.Channels;
import org.sotto.core.tls.TlsContexts;
import org.sotto.launcher.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto demo}: a whole cluster on localhost (coordinator, mix nodes, dead-drop shards, each
 * a real gRPC server with TLS) and bot clients in pairs exchanging numbered messages, one line per
 * round. After {@code --rounds} it stops queueing, lets the outboxes drain, checks that every
 * message arrived intact, in order, exactly once, and exits non-zero if not.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a local demo cluster with chatting bot clients.")
public final class DemoCommand implements Callable<Integer> {
  private static final int DRAIN_ROUNDS = 12;

  @Option(names = "--users", defaultValue = "100", description = "bot clients, in pairs (default: ${DEFAULT-VALUE})")
  int users;

  @Option(names = "--rounds", defaultValue = "0", description = "stop after this many rounds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--round-interval-ms", defaultValue = "2000", description = "round length (default: ${DEFAULT-VALUE})")
  long intervalMs;

  @Option(names = "--mixnodes", defaultValue = "3", description = "mix nodes (default: ${DEFAULT-VALUE})")
  int mixnodes;

  @Option(names = "--deaddrops", defaultValue = "2", description = "dead-drop shards (default: ${DEFAULT-VALUE})")
  int deaddrops;

  @Option(names = "--noise-mu", defaultValue = "100", description = "Laplace mu per mix per round (default: ${DEFAULT-VALUE})")
  double mu;

  @Option(names = "--noise-b", defaultValue = "10", description = "Laplace b (default: ${DEFAULT-VALUE})")
  double b;

  @Option(names = "--stats-json", description = "write the totals to this JSON file")
  Path statsJson;

  @Override
  public Integer call() throws Exception {
    if (users < 2 || users % 2 != 0) {
      System.err.println("--users must be an even number of at least 2 (bots chat in pairs)");
      return 2;
    }
    Path dir = Files.createTempDirectory("sotto-demo-");
    DemoStats stats = new DemoStats();
    LinkedBlockingQueue<RoundOutcome> outcomes = new LinkedBlockingQueue<>();
    X25519 x25519 = X25519Engines.best();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    List<RoundParticipant> participants = new ArrayList<>();
    List<ManagedChannel> channels = new ArrayList<>();
    List<DemoBot> bots = new ArrayList<>();
    try (LocalCluster cluster = LocalCluster.start(dir, mixnodes, deaddrops, intervalMs, 1, mu,
        b)) {
      cluster.coordinator().addRoundListener(outcomes::add);
      System.out.printf("Sotto demo: %d mix nodes, %d dead-drop shards, %d users, TLS on "
          + "localhost; cluster files in %s%n", mixnodes, deaddrops, users, dir);
      long anchor = System.currentTimeMillis() / intervalMs;
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < users; i += 2) {
        Identity alice = Identity.generate("alice-" + (i / 2), x25519, random);
        Identity bob = Identity.generate("bob-" + (i / 2), x25519, random);
        for (Identity[] pair : new Identity[][] {{alice, bob}, {bob, alice}}) {
          DemoBot bot = new DemoBot(pair[0].username(), pair[1].username(), stats);
          Conversation conversation = new Conversation(pair[0], pair[1].asContact(),
              ConversationRatchet.start(x25519, pair[0].dh().privateKey(),
                  pair[0].dh().publicKey(), pair[1].dh().publicKey(), anchor), bot);
          bot.attach(conversation);
          bots.add(bot);
          SlotAllocator slots = new SlotAllocator();
          slots.add(conversation);
          ManagedChannel channel = Channels.open(cluster.descriptor().coordinator(),
              TlsContexts.pinned(cluster.descriptor().caCertificate()));
          channels.add(channel);
          RoundParticipant p = new RoundParticipant(cluster.descriptor(), channel, x25519, slots,
              new ParticipantListener() {}, scheduler);
          participants.add(p);
        }
      }
      bots.forEach(DemoBot::topUp);
      participants.forEach(RoundParticipant::start);
      run(cluster, stats, outcomes, bots);
    } finally {
      participants.forEach(RoundParticipant::close);
      channels.forEach(Channels::close);
      scheduler.shutdownNow();
    }
    return report(stats);
  }

  private void run(LocalCluster cluster, DemoStats stats, LinkedBlockingQueue<RoundOutcome> outcomes,
      List<DemoBot> bots) throws InterruptedException {
    System.out.println("round        users  noise  latency  delivered  outcome");
    long lastNoise = noise(cluster);
    int seen = 0;
    int drained = 0;
    while (true) {
      RoundOutcome o = outcomes.poll(intervalMs * 10, TimeUnit.MILLISECONDS);
      if (o == null) {
        System.out.println("no round finished for " + intervalMs * 10 + " ms; stopping");
        return;
      }
      seen++;
      long noiseNow = noise(cluster);
      if (o.delivered()) {
        stats.roundsDelivered.incrementAndGet();
        stats.roundLatency(o.mixMs());
      } else {
        stats.roundsAborted.incrementAndGet();
      }
      boolean sending = rounds == 0 || seen <= rounds;
      System.out.printf("%-12d %5d %6d %6d ms %9d  %s%n", o.round(), o.clients(),
          noiseNow - lastNoise, o.mixMs(), stats.receivedThisRound.getAndSet(0),
          o.delivered() ? (sending ? "ok" : "ok (draining)") : "aborted: " + o.reason());
      lastNoise = noiseNow;
      if (sending) {
        bots.forEach(DemoBot::topUp);
      } else {
        drained++;
        boolean empty = bots.stream().allMatch(bot -> bot.pending() == 0);
        if (empty || drained >= DRAIN_ROUNDS) {
          return;
        }
      }
    }
  }

  private static long noise(LocalCluster cluster) {
    return cluster.mixes().stream().mapToLong(m -> m.counters().noiseAdded()).sum();
  }

  private int report(DemoStats stats) throws java.io.IOException {
    Map<String, Object> totals = stats.totals();
    System.out.println();
    totals.forEach((k, v) -> System.out.printf("%-24s %s%n", k, v));
    if (statsJson != null) {
      new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(statsJson.toFile(), totals);
    }
    boolean ok = stats.corrupted.get() == 0 && stats.lost() == 0 && stats.outOfOrder.get() == 0
        && stats.queued.get() == stats.received.get() && stats.received.get() > 0;
    System.out.println(ok ? "every message arrived intact, in order, exactly once"
        : "PROBLEM: some messages were lost, corrupted, reordered or still in flight");
    return ok ? 0 : 1;
  }
}
