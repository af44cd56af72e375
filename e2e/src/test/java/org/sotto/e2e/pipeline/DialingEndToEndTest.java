package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.client.conversation.Conversation;
import org.sotto.client.dialing.CallerCheck;
import org.sotto.client.dialing.ConversationStart;
import org.sotto.client.dialing.IncomingInvitation;
import org.sotto.client.dialing.OutgoingCall;
import org.sotto.client.identity.Contact;
import org.sotto.coordinator.DialingOutcome;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.dialing.DialingBucket;
import org.sotto.core.dialing.DialingRequest;
import org.sotto.core.dialing.InvitationBody;
import org.sotto.core.dialing.InvitationBox;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.BucketStreams;
import org.sotto.core.wire.WireSizes;
import org.sotto.testkit.cluster.LocalCluster;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.FetchBucketRequest;
import org.sotto.proto.RoundEvent;

/**
 * Dialing on real servers: a coordinator, 3 mix nodes and 2 dead-drop shards with TLS, short
 * dialing rounds, one bucket per client so buckets are many and small.
 */
class DialingEndToEndTest {
  private static final ClusterDescriptor.DialingSettings FAST_DIALING =
      new ClusterDescriptor.DialingSettings(1500, 1, 64, new ClusterDescriptor.NoiseSettings(6, 1));

  /** The directory, as far as these tests need one: who has which keys. */
  private final Map<String, Contact> directory = new ConcurrentHashMap<>();
  private final CallerCheck fromDirectory = caller -> {
    Contact known = directory.get(caller.username());
    return known != null && Arrays.equals(known.signingPublicKey(), caller.signingPublicKey())
        && Arrays.equals(known.dhPublicKey(), caller.dhPublicKey());
  };

  private DialingClient client(LocalCluster cluster, String name) {
    DialingClient c = new DialingClient(cluster.descriptor(), name, fromDirectory);
    directory.put(name, c.identity.asContact());
    return c;
  }

  @Test
  void aliceDialsBobWhoAcceptsAndTheyTalkWhileIdleCarolLooksTheSame(@TempDir Path dir)
      throws Exception {
    List<DialingOutcome> outcomes = new CopyOnWriteArrayList<>();
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 5, 1, FAST_DIALING);
        DialingClient alice = client(cluster, "alice");
        DialingClient bob = client(cluster, "bob");
        DialingClient carol = client(cluster, "carol")) {
      cluster.coordinator().addDialingListener(outcomes::add);
      alice.start();
      bob.start();
      carol.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> carol.dialer.stats().onionsSent() >= 1
          && alice.dialer.stats().onionsSent() >= 1 && bob.dialer.stats().onionsSent() >= 1);

      // Alice starts her side at once, as a client does; her message waits for bob.
      OutgoingCall call = alice.dialer.dial(bob.identity.asContact());
      DialingClient.Inbox alicesInbox = new DialingClient.Inbox();
      Conversation fromAlice = alice.talk(call.start(), alicesInbox);
      fromAlice.send("hello bob".getBytes(StandardCharsets.UTF_8));
      IncomingInvitation invitation = bob.invitations.poll(30, TimeUnit.SECONDS);
      assertThat(invitation).as("bob hears of alice's call").isNotNull();
      assertThat(invitation.caller().username()).isEqualTo("alice");
      assertThat(invitation.caller().signingPublicKey())
          .isEqualTo(alice.identity.signing().publicKey());
      assertThat(invitation.caller().dhPublicKey()).isEqualTo(alice.identity.dh().publicKey());
      assertThat(bob.dialer.pendingInvitations()).hasSize(1);

      ConversationStart bobsSide = bob.dialer.accept(invitation);
      assertThat(call.delivered().get(30, TimeUnit.SECONDS)).isEqualTo(call.start());
      assertThat(alice.dialer.pendingCalls()).isZero();
      assertThat(bobsSide.startRound()).isEqualTo(call.start().startRound());
      assertThat(bob.dialer.pendingInvitations()).isEmpty();
      assertThat(carol.invitations).as("nobody called carol").isEmpty();

      DialingClient.Inbox bobsInbox = new DialingClient.Inbox();
      Conversation fromBob = bob.talk(bobsSide, bobsInbox);
      assertThat(bobsInbox.received.poll(30, TimeUnit.SECONDS)).isEqualTo("hello bob");
      fromBob.send("hi alice".getBytes(StandardCharsets.UTF_8));
      assertThat(alicesInbox.received.poll(30, TimeUnit.SECONDS)).isEqualTo("hi alice");

      // What the coordinator received: in every dialing round from alice's call on, all three
      // clients sent exactly one dialing onion, all of one size; idle carol is indistinguishable.
      long callRound = alice.callRounds.get(0);
      // A fast conversation can finish within two dialing rounds; watch a few more.
      await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
          .filter(o -> o.round() >= callRound && o.delivered()).count() > 2);
      List<DialingOutcome> since = outcomes.stream()
          .filter(o -> o.round() >= callRound && o.delivered()).toList();
      assertThat(since).as("dialing rounds ran while they talked").hasSizeGreaterThan(2);
      assertThat(since).allSatisfy(o -> {
        assertThat(o.sessions()).as("round %d", o.round()).isEqualTo(3);
        assertThat(o.onions()).as("round %d", o.round()).isEqualTo(3);
        assertThat(o.onionSizes()).containsExactly(WireSizes.dialingOnionSize(3));
      });
      assertThat(Math.abs(carol.dialer.stats().onionsSent() - alice.dialer.stats().onionsSent()))
          .as("carol sends as many dialing onions as alice").isLessThanOrEqualTo(1);
      assertThat(alice.dialer.stats().invitationsSent()).isEqualTo(1);
      assertThat(carol.dialer.stats().invitationsSent()).isZero();
      assertThat(carol.dialer.stats().bucketsFetched())
          .as("carol downloads her bucket every round too").isGreaterThan(2);

      // Noise: every bucket of every dialing round holds invitations, real or not.
      assertThat(outcomes.stream().filter(DialingOutcome::delivered)).allSatisfy(o -> {
        assertThat(o.bucketSizes()).hasSize(o.bucketCount());
        assertThat(o.bucketSizes()).allSatisfy(n -> assertThat(n).isPositive());
      });
      DialingOutcome last = since.get(since.size() - 1);
      assertThat(last.bucketCount()).isEqualTo(3);
      for (int b = 0; b < last.bucketCount(); b++) {
        assertThat(fetch(alice, cluster, last.round(), b, last.bucketCount()))
            .as("bucket %d as a client downloads it", b).isPositive();
      }
      assertThat(cluster.mixes()).allSatisfy(m -> assertThat(m.dialingCounters().noiseAdded())
          .as("every mix adds dialing noise").isPositive());
      assertThat(cluster.mix(2).dialingCounters().noOpDiscarded())
          .as("cover requests end at the last mix").isPositive();
    }
  }

  private static int fetch(DialingClient client, LocalCluster cluster, long round, int bucket,
      int bucketCount) throws Exception {
    var channel = org.sotto.core.rpc.Channels.open(cluster.descriptor().coordinator(),
        org.sotto.core.tls.TlsContexts.pinned(cluster.descriptor().caCertificate()));
    try {
      return BucketStreams.fetch(o -> DialingGatewayGrpc.newStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .fetchBucket(FetchBucketRequest.newBuilder().setDialingRound(round)
                  .setBucket(bucket).build(), o),
          round, bucket, bucketCount, WireSizes.INVITATION, 100_000)
          .get(10, TimeUnit.SECONDS).length;
    } finally {
      org.sotto.core.rpc.Channels.close(channel);
    }
  }

  @Test
  void aForgedInvitationReachesItsCalleeAndIsDropped(@TempDir Path dir) throws Exception {
    try (LocalCluster cluster = LocalCluster.start(dir, 3, 2, 1000, 1, 5, 1, FAST_DIALING);
        DialingClient alice = client(cluster, "alice");
        DialingClient bob = client(cluster, "bob");
        RawClient mallory = new RawClient(cluster.descriptor())) {
      alice.start();
      bob.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> bob.dialer.stats().bucketsFetched() >= 1);

      // Mallory claims to be alice (her name and keys) but can only sign with her own key.
      mallory.events.clear(); // settings of rounds that have closed by now
      DialingRoundSettings settings = mallory.nextDialingSettings();
      long round = settings.getDialingRound();
      SecureRandom random = new SecureRandom();
      InvitationBody claim = new InvitationBody("alice", alice.identity.signing().publicKey(),
          alice.identity.dh().publicKey(), 1234);
      byte[] sealed = InvitationBox.seal(claim, Ecdsa.generate(random).privateKey(),
          DialingClient.DIALING_KEYS.get("bob"), round, X25519Engines.best(), random);
      byte[] request = new DialingRequest(DialingBucket.of("bob", settings.getBucketCount()),
          sealed).encode();
      byte[] onion = new OnionWrapper(X25519Engines.best(), RoundKind.DIALING).wrap(round,
          settings.getMixKeysList().stream().map(k -> k.getRoundPublicKey().toByteArray())
              .toList(), request, random).onion();
      mallory.submitInvitation(round, onion);
      RoundEvent outcome = mallory.dialingOutcomeOf(round);
      assertThat(outcome.hasDialingReady()).as("the round with the forgery was mixed").isTrue();

      await().atMost(Duration.ofSeconds(20))
          .until(() -> bob.dialer.stats().forgedInvitations() == 1);
      Thread.sleep(500);
      assertThat(bob.invitations).as("a forgery never reaches the user").isEmpty();
      assertThat(bob.dialer.pendingInvitations()).isEmpty();
      assertThat(alice.dialer.stats().forgedInvitations()).isZero();
    }
  }
}
