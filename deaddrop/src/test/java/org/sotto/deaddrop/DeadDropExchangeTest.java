package org.sotto.deaddrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sotto.core.wire.WireSizes;

class DeadDropExchangeTest {
  private final Random random = new Random(7);

  private byte[] request(int id) {
    byte[] r = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(r);
    Arrays.fill(r, 0, WireSizes.DEAD_DROP_ID, (byte) 0);
    r[0] = (byte) id;
    return r;
  }

  private static byte[] message(byte[] request) {
    return Arrays.copyOfRange(request, WireSizes.DEAD_DROP_ID, WireSizes.EXCHANGE_REQUEST);
  }

  @Test
  void aPairSwapsMessagesAndASingleGetsZeros() {
    byte[] a = request(1);
    byte[] lone = request(2);
    byte[] b = request(1);
    DeadDropExchange.Result r = DeadDropExchange.exchange(new byte[][] {a, lone, b});
    assertThat(r.replies()[0]).isEqualTo(message(b));
    assertThat(r.replies()[2]).isEqualTo(message(a));
    assertThat(r.replies()[1]).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
    assertThat(r.stats()).isEqualTo(new DeadDropExchange.Stats(1, 1, 0));
  }

  @Test
  void aThirdAccessIsAnsweredWithZerosAndCountedWithoutDisturbingThePair() {
    byte[] a = request(9);
    byte[] b = request(9);
    byte[] c = request(9);
    byte[] d = request(9);
    DeadDropExchange.Result r = DeadDropExchange.exchange(new byte[][] {a, b, c, d});
    assertThat(r.replies()[0]).isEqualTo(message(b));
    assertThat(r.replies()[1]).isEqualTo(message(a));
    assertThat(r.replies()[2]).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
    assertThat(r.replies()[3]).isEqualTo(new byte[WireSizes.EXCHANGE_REPLY]);
    assertThat(r.stats().overflows()).isEqualTo(2);
    assertThat(r.stats().pairs()).isEqualTo(1);
  }

  @Test
  void everyReplyHasTheSameSizeWhateverHappened() {
    byte[][] batch = {request(1), request(1), request(2), request(3), request(3), request(3)};
    for (byte[] reply : DeadDropExchange.exchange(batch).replies()) {
      assertThat(reply).hasSize(WireSizes.EXCHANGE_REPLY);
    }
  }

  @Test
  void aWrongSizeRequestIsRefused() {
    assertThatThrownBy(() -> DeadDropExchange.exchange(new byte[][] {new byte[10]}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("384");
  }
}
