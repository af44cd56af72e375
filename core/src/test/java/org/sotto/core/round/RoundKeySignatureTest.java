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
  private final byte[] cluster = new byte[32];
  private final byte[] otherCluster = new byte[32];

  RoundKeySignatureTest() {
    random.nextBytes(cluster);
    otherCluster[0] = 1;
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void signedBytesLayout() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0xab);
    byte[] signed = RoundKeySignature.signedBytes(
        RoundTerms.dialing(cluster, 0x0102030405060708L, 0x11121314), 0x0a0b0c0d, key);
    byte[] label = "sotto/v2/dialing-round-key".getBytes(StandardCharsets.US_ASCII);
    assertThat(signed).hasSize(label.length + 32 + 8 + 4 + 4 + 32);
    assertThat(Arrays.copyOf(signed, label.length)).isEqualTo(label);
    int at = label.length;
    assertThat(Arrays.copyOfRange(signed, at, at + 32)).isEqualTo(cluster);
    assertThat(Arrays.copyOfRange(signed, at + 32, at + 48)).containsExactly(
        1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x12, 0x13, 0x14, 0x0a, 0x0b, 0x0c, 0x0d);
    assertThat(Arrays.copyOfRange(signed, at + 48, signed.length)).isEqualTo(key);
  }

  @Test
  void verifiesOnlyForTheSameTermsPositionKeyAndSigner() throws Exception {
    Ecdsa.KeyPair mix = Ecdsa.generate(random);
    byte[] key = new byte[32];
    random.nextBytes(key);
    RoundTerms terms = RoundTerms.dialing(cluster, 9, 4);
    byte[] sig = RoundKeySignature.sign(terms, mix.privateKey(), 1, key);
    RoundKeySignature.verify(terms, mix.publicKey(), 1, key, sig);

    byte[] otherKey = key.clone();
    otherKey[5] ^= 1;
    assertRejected(() -> RoundKeySignature.verify(RoundTerms.dialing(cluster, 10, 4),
        mix.publicKey(), 1, key, sig), Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(RoundTerms.dialing(cluster, 9, 5),
        mix.publicKey(), 1, key, sig), Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(RoundTerms.dialing(otherCluster, 9, 4),
        mix.publicKey(), 1, key, sig), Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(terms, mix.publicKey(), 2, key, sig),
        Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(terms, mix.publicKey(), 1, otherKey, sig),
        Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(terms, Ecdsa.generate(random).publicKey(), 1,
        key, sig), Reason.BAD_SIGNATURE);
    assertRejected(() -> RoundKeySignature.verify(terms, mix.publicKey(), 1, new byte[31], sig),
        Reason.WRONG_LENGTH);
    assertRejected(() -> RoundKeySignature.verify(terms, mix.publicKey(), 1, key,
        Arrays.copyOf(sig, 63)), Reason.WRONG_LENGTH);
  }

  @Test
  void aDialingKeyNeverPassesAsAConversationKey() throws Exception {
    Ecdsa.KeyPair mix = Ecdsa.generate(random);
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] sig = RoundKeySignature.sign(RoundTerms.conversation(cluster, 9), mix.privateKey(), 0,
        key);
    RoundKeySignature.verify(RoundTerms.conversation(cluster, 9), mix.publicKey(), 0, key, sig);
    assertRejected(() -> RoundKeySignature.verify(RoundTerms.dialing(cluster, 9, 1),
        mix.publicKey(), 0, key, sig), Reason.BAD_SIGNATURE);
  }
}
