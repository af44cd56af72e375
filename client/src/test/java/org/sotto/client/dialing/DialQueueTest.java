package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.sotto.client.identity.Contact;

class DialQueueTest {
  private final DialQueue queue = new DialQueue();

  private static OutgoingCall call(String name, long startRound) {
    return new OutgoingCall(new Contact(name, new byte[65], new byte[32]), startRound,
        new byte[32], new byte[32], new byte[32]);
  }

  @Test
  void oneCallPerRoundInOrderAndADeliveredCallKeepsItsStartRound() throws Exception {
    OutgoingCall bob = call("bob", 500);
    OutgoingCall carol = call("carol", 501);
    queue.add(bob);
    queue.add(carol);
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take(10)).containsSame(bob);
    assertThat(queue.take(11)).containsSame(carol);
    assertThat(queue.take(12)).isEmpty();
    assertThat(queue.size()).as("in flight until delivered").isEqualTo(2);

    queue.delivered(10);
    assertThat(bob.delivered().get()).isEqualTo(bob.start());
    assertThat(bob.start().startRound()).isEqualTo(500);
    assertThat(bob.start().peer().username()).isEqualTo("bob");
    assertThat(carol.delivered()).isNotDone();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void anAbortedRoundsCallGoesOutNextAheadOfLaterCalls() throws Exception {
    OutgoingCall bob = call("bob", 500);
    OutgoingCall carol = call("carol", 501);
    queue.add(bob);
    queue.add(carol);
    queue.take(10);
    assertThat(queue.retry(10, "aborted")).containsSame(bob);
    assertThat(queue.take(11)).containsSame(bob);
    queue.delivered(11);
    assertThat(bob.delivered().get().startRound()).isEqualTo(500);
  }

  @Test
  void aCallFailsAfterTooManyRoundsAndADisconnectRetriesEverythingInFlight() {
    OutgoingCall bob = call("bob", 500);
    queue.add(bob);
    for (int round = 0; round < DialQueue.MAX_ATTEMPTS - 1; round++) {
      queue.take(round);
      assertThat(queue.retryAll("disconnected")).containsExactly(bob);
    }
    queue.take(100);
    assertThat(queue.retry(100, "aborted")).isEmpty();
    assertThatThrownBy(() -> bob.delivered().get()).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("could not call bob");
    assertThat(queue.take(101)).isEmpty();
    assertThat(queue.size()).isZero();
  }

  @Test
  void theDeliveredFutureCannotBeCompletedFromOutside() {
    OutgoingCall bob = call("bob", 500);
    bob.delivered().complete(null);
    assertThat(bob.delivered()).isNotDone();
  }
}
