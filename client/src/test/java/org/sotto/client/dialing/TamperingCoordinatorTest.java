package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.client.identity.Identity;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.DialingGatewayGrpc;
import org.sotto.proto.DialingRoundSettings;
import org.sotto.proto.MixRoundKey;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubmitInvitationRequest;
import org.sotto.proto.SubmitInvitationResponse;

/**
 * A coordinator that changes what the mixes signed: the client must refuse the round with a
 * clear reason and send nothing. The mixes' keys here are real signatures by the descriptor's
 * mix keys; the coordinator is an in-process DialingGateway that records what it receives. The
 * honest case is checked the same way, so the test fails if the client stops submitting at all.
 */
class TamperingCoordinatorTest {
  private static final long ROUND = 31;
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();
  private final List<Ecdsa.KeyPair> mixKeys = List.of(Ecdsa.generate(random),
      Ecdsa.generate(random));
  private final List<SubmitInvitationRequest> received = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final String serverName = InProcessServerBuilder.generateName();
  private final Server server;
  private final ManagedChannel channel;

  TamperingCoordinatorTest() throws Exception {
    server = InProcessServerBuilder.forName(serverName).directExecutor()
        .addService(new DialingGatewayGrpc.DialingGatewayImplBase() {
          @Override
          public void submitInvitation(SubmitInvitationRequest request,
              StreamObserver<SubmitInvitationResponse> answer) {
            received.add(request);
            answer.onNext(SubmitInvitationResponse.newBuilder()
                .setDialingRound(request.getDialingRound()).build());
            answer.onCompleted();
          }
        }).build().start();
    channel = InProcessChannelBuilder.forName(serverName).directExecutor().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    scheduler.shutdownNow();
  }

  private ClusterDescriptor descriptor(double dialingNoiseMu) {
    List<ClusterDescriptor.MixEntry> mixes = new ArrayList<>();
    for (int i = 0; i < mixKeys.size(); i++) {
      mixes.add(new ClusterDescriptor.MixEntry("mix-" + (i + 1),
          new HostPort("127.0.0.1", 7101 + i), HexFormat.of().formatHex(
              mixKeys.get(i).publicKey())));
    }
    return new ClusterDescriptor("tamper", new HostPort("127.0.0.1", 7100), mixes,
        List.of(new ClusterDescriptor.DeadDropEntry("dd", new HostPort("127.0.0.1", 7200))),
        "-----BEGIN CERTIFICATE-----", 2000, 1, new ClusterDescriptor.NoiseSettings(100, 10),
        new ClusterDescriptor.DialingSettings(10_000, 1000, 64,
            new ClusterDescriptor.NoiseSettings(dialingNoiseMu, 10)));
  }

  /** The settings honest mixes of {@code mixesRun} sign for a round of {@code buckets}. */
  private DialingRoundSettings signed(ClusterDescriptor mixesRun, int buckets) {
    RoundTerms terms = RoundTerms.dialing(mixesRun.clusterId(), ROUND, buckets);
    DialingRoundSettings.Builder settings = DialingRoundSettings.newBuilder()
        .setDialingRound(ROUND).setBucketCount(buckets)
        .setOnionSize(WireSizes.dialingOnionSize(mixKeys.size()))
        .setInvitationSize(WireSizes.INVITATION)
        .setServerTimeUnixMs(System.currentTimeMillis())
        .setSubmitDeadlineUnixMs(System.currentTimeMillis() + 5_000);
    for (int i = 0; i < mixKeys.size(); i++) {
      byte[] key = X25519KeyPair.generate(x25519, random).publicKey();
      settings.addMixKeys(MixRoundKey.newBuilder().setPosition(i)
          .setRoundPublicKey(ByteString.copyFrom(key))
          .setSignature(ByteString.copyFrom(RoundKeySignature.sign(terms,
              mixKeys.get(i).privateKey(), i, key))));
    }
    return settings.build();
  }

  /** What the client sends when its pinned descriptor is {@code pinned}. */
  private void answer(ClusterDescriptor pinned, DialingRoundSettings settings) {
    DialingParticipant client = new DialingParticipant(pinned, channel,
        Identity.generate("alice", x25519, random), x25519, CallerCheck.UNCHECKED,
        DialingKeys.fixed(java.util.Map.of(), new X25519KeyPair(new byte[32],
            x25519.publicKey(new byte[32]))),
        new DialingListener() {
          @Override
          public void invitationReceived(IncomingInvitation invitation) {}

          @Override
          public void dialingRoundFailed(long dialingRound, String why) {
            failures.add(why);
          }
        }, scheduler);
    client.sessionOpened(ByteString.copyFrom(new byte[32]));
    client.event(RoundEvent.newBuilder().setDialing(settings).build());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> !received.isEmpty() || !failures.isEmpty());
    client.close();
  }

  @Test
  void theRoundTheMixesSignedIsAnswered() {
    ClusterDescriptor cluster = descriptor(23406);
    answer(cluster, signed(cluster, 4));
    assertThat(failures).isEmpty();
    assertThat(received).hasSize(1);
  }

  @Test
  void aChangedBucketCountIsRefusedAndNothingIsSent() {
    tamperedIsRefused(descriptor(23406), s -> s.toBuilder().setBucketCount(64).build(),
        "does not verify");
  }

  @Test
  void aBucketCountAboveThePinnedLimitIsRefusedEvenIfSigned() {
    ClusterDescriptor cluster = descriptor(23406);
    answer(cluster, signed(cluster, 65));
    assertThat(received).isEmpty();
    assertThat(failures).singleElement().asString().contains("allows 1 to 64");
  }

  @Test
  void keysOfAClusterWithOtherNoiseAreRefused() {
    ClusterDescriptor pinned = descriptor(23406);
    ClusterDescriptor mixesRun = descriptor(100); // same mixes, lighter dialing noise
    answer(pinned, signed(mixesRun, 4));
    assertThat(received).as("nothing is sent").isEmpty();
    assertThat(failures).singleElement().asString()
        .contains("does not verify")
        .contains("changed a signed parameter or serves another cluster");
  }

  @Test
  void aReplayedKeyOfAnotherRoundIsRefused() {
    ClusterDescriptor cluster = descriptor(23406);
    tamperedIsRefused(cluster, s -> s.toBuilder().setDialingRound(ROUND + 1).build(),
        "does not verify");
  }

  private void tamperedIsRefused(ClusterDescriptor cluster,
      UnaryOperator<DialingRoundSettings> tamper, String reason) {
    answer(cluster, tamper.apply(signed(cluster, 4)));
    assertThat(received).as("nothing is sent").isEmpty();
    assertThat(failures).singleElement().asString().contains(reason);
  }
}
