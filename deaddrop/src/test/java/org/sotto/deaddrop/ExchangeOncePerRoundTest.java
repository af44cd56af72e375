package org.sotto.deaddrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.security.SecureRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.BatchStreams;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.DeadDropShardGrpc;

/**
 * A shard exchanges each round once: a replayed batch, or one far behind the rounds it has seen,
 * is refused with FAILED_PRECONDITION, and a later round still goes through.
 */
class ExchangeOncePerRoundTest {
  private final String name = InProcessServerBuilder.generateName();
  private final Server server;
  private final ManagedChannel channel;
  private final SecureRandom random = new SecureRandom();

  ExchangeOncePerRoundTest() throws Exception {
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new DeadDropService(new DeadDropCounters(), ForkJoinPool.commonPool(), 1000))
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private Batch exchange(long round) {
    byte[][] requests = new byte[2][WireSizes.EXCHANGE_REQUEST];
    for (byte[] r : requests) {
      random.nextBytes(r);
    }
    return BatchStreams.call(DeadDropShardGrpc.newStub(channel)::exchange,
        new Batch(round, WireSizes.EXCHANGE_REQUEST, requests), WireSizes.EXCHANGE_REPLY).join();
  }

  private static Status.Code refusal(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (RuntimeException e) {
      return Status.fromThrowable(e).getCode();
    }
  }

  @Test
  void aRoundIsExchangedOnce() {
    assertThat(exchange(100).items().length).isEqualTo(2);
    assertThat(refusal(() -> exchange(100))).as("the replay").isEqualTo(
        Status.Code.FAILED_PRECONDITION);
    assertThat(exchange(101).items().length).isEqualTo(2);
    assertThat(exchange(99).items().length).as("a late round within the window").isEqualTo(2);
    assertThat(refusal(() -> exchange(101 - ExchangedRounds.WINDOW - 1)))
        .as("a round far behind").isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void theWindowDoesNotForgetRoundsNearZeroOrWrapAround() {
    ExchangedRounds rounds = new ExchangedRounds();
    rounds.claim(1);
    rounds.claim(2);
    assertThatThrownBy(() -> rounds.claim(1)).hasMessageContaining("exchanged here already");
    rounds.claim(-1L); // round 2^64 - 1, named as such
    assertThatThrownBy(() -> rounds.claim(-1L)).hasMessageContaining("18446744073709551615");
  }
}
