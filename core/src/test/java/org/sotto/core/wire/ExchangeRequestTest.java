package org.sotto.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExchangeRequestTest {

  @Test
  void sizesForThreeMixes() {
    assertThat(WireSizes.MESSAGE_PLAINTEXT).isEqualTo(320);
    assertThat(WireSizes.SEALED_MESSAGE).isEqualTo(368);
    assertThat(WireSizes.EXCHANGE_REQUEST).isEqualTo(384);
    assertThat(WireSizes.onionSize(3)).isEqualTo(576);
    assertThat(WireSizes.replySize(3)).isEqualTo(464);
  }

  @Test
  void encodeIsIdThenMessageAndParsesBack() throws Exception {
    byte[] id = new byte[16];
    byte[] sealed = new byte[368];
    new SecureRandom().nextBytes(id);
    new SecureRandom().nextBytes(sealed);
    byte[] encoded = new ExchangeRequest(id, sealed).encode();
    assertThat(Arrays.copyOf(encoded, 16)).isEqualTo(id);
    assertThat(Arrays.copyOfRange(encoded, 16, 384)).isEqualTo(sealed);
    ExchangeRequest parsed = ExchangeRequest.parse(encoded);
    assertThat(parsed.deadDropId()).isEqualTo(id);
    assertThat(parsed.sealedMessage()).isEqualTo(sealed);
    assertThat(ExchangeRequest.emptyReply()).hasSize(368).containsOnly(0);
  }

  @Test
  void wrongSizesAreRejected() {
    assertThatThrownBy(() -> ExchangeRequest.parse(new byte[383]))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectedInputException.Reason.WRONG_LENGTH));
    assertThatThrownBy(() -> new ExchangeRequest(new byte[15], new byte[368]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
