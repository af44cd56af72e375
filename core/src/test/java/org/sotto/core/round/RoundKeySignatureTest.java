package org.sotto.core.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;

class RoundKeySignatureTest {
  private final SecureRandom random = new SecureRandom();

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void signedBytesLayout() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0xab);
    byte[] signed = RoundKeySignature.signedBytes(0x0102030405060708L, 0x0a0b0c0d, key);
    byte[] label = "sotto/v1/round-key".getBytes(StandardCharsets.US_ASCII);
    assertThat(signed).hasSize(label.length + 8 + 4 + 32);
    assertThat(Arrays.copyOf(signed, label.length)).isEqualTo(label);
    assertThat(Arrays.copyOfRange(signed, label.length, label.length + 12)).containsExactly(
        1, 2, 3, 4, 5, 6, 7, 8, 0x0a, 0x0b, 0x0c, 0x0d);
    assertThat(Arrays.copyOfRange(signed, label.length + 12, signed.length)).isEqualTo(key);
  }

  @Test
  void verifiesOnlyForTheSameRoundPositionKeyAndSigner() throws Exception {
    Ecdsa.KeyPair mix = Ecdsa.generate(random);
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] sig = RoundKeySignature.sign(mix.privateKey(), 9, 1, key);
    RoundKeySignature.verify(mix.publicKey(), 9, 1, key, sig);

    byte[] otherKey = key.clone();
    otherKey[5] ^= 1;
    assertRejected(() -> RoundKeySignature.verify(mix.publicKey(), 10, 1, key, sig),
        Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(mix.publicKey(), 9, 2, key, sig),
        Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(mix.publicKey(), 9, 1, otherKey, sig),
        Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(Ecdsa.generate(random).publicKey(), 9, 1, key,
        sig), Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(mix.publicKey(), 9, 1, new byte[31], sig),
        Reason.WRONG_LENGTH);
    assertRejected(() -> RoundKeySignature.verify(mix.publicKey(), 9, 1, key,
        Arrays.copyOf(sig, 63)), Reason.WRONG_LENGTH);
  }
}
