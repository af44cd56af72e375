package org.sotto.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

class DialingRequestTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void encodesBucketZeroPaddingAndInvitation() throws Exception {
    byte[] invitation = new byte[WireSizes.INVITATION];
    random.nextBytes(invitation);
    byte[] encoded = new DialingRequest(0x01020304L, invitation).encode();
    assertThat(encoded).hasSize(288);
    assertThat(java.util.Arrays.copyOf(encoded, 16))
        .containsExactly(1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    DialingRequest parsed = DialingRequest.parse(encoded);
    assertThat(parsed.bucket()).isEqualTo(0x01020304L);
    assertThat(parsed.invitation()).isEqualTo(invitation);
    assertThat(parsed.isNoOp()).isFalse();
  }

  @Test
  void coverGoesToTheNoOpBucket() throws Exception {
    byte[] encoded = DialingRequest.cover(random).encode();
    assertThat(java.util.Arrays.copyOf(encoded, 4)).containsExactly(-1, -1, -1, -1);
    assertThat(DialingRequest.parse(encoded).isNoOp()).isTrue();
  }

  @Test
  void refusesWrongLengthAndNonZeroPadding() {
    assertThatThrownBy(() -> DialingRequest.parse(new byte[287]))
        .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.reason())
            .isEqualTo(RejectedInputException.Reason.WRONG_LENGTH));
    byte[] padded = new byte[288];
    padded[9] = 1;
    assertThatThrownBy(() -> DialingRequest.parse(padded))
        .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.reason())
            .isEqualTo(RejectedInputException.Reason.MALFORMED));
  }
}
