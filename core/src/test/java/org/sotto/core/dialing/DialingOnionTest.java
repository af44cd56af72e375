package org.sotto.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;
import org.sotto.core.wire.WireSizes;

/** Dialing onions: same layers as conversation onions, kept apart by size and labels. */
class DialingOnionTest {
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();

  @Test
  void threeMixesPeelADialingOnionDownToTheDialingRequest() throws Exception {
    List<X25519KeyPair> mixes = List.of(X25519KeyPair.generate(x25519, random),
        X25519KeyPair.generate(x25519, random), X25519KeyPair.generate(x25519, random));
    byte[] request = DialingRequest.cover(random).encode();
    byte[] onion = new OnionWrapper(x25519, RoundKind.DIALING).wrap(9, mixes.stream()
        .map(X25519KeyPair::publicKey).toList(), request, random).onion();
    assertThat(onion).hasSize(WireSizes.dialingOnionSize(3)).hasSize(480);
    for (int i = 0; i < 3; i++) {
      onion = new OnionPeeler(x25519, RoundKind.DIALING, 9, mixes.get(i), 3 - i).peel(onion)
          .inner();
    }
    assertThat(onion).isEqualTo(request);
  }

  @Test
  void noConversationMixAcceptsADialingOnion() throws Exception {
    // 288 + 64k and 384 + 64j differ by 32 modulo 64, so no dialing onion has the size of any
    // conversation onion; the separate layer labels are a second, independent line.
    X25519KeyPair mix = X25519KeyPair.generate(x25519, random);
    byte[] onion = new OnionWrapper(x25519, RoundKind.DIALING).wrap(9, List.of(mix.publicKey()),
        DialingRequest.cover(random).encode(), random).onion();
    for (int layers = 0; layers < 8; layers++) {
      assertThat(WireSizes.dialingOnionSize(layers) % 64)
          .isNotEqualTo(WireSizes.onionSize(layers) % 64);
    }
    assertThatThrownBy(() -> new OnionPeeler(x25519, 9, mix, 1).peel(onion))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH));
    assertThat(RoundKind.DIALING.layerLabel()).isNotEqualTo(RoundKind.CONVERSATION.layerLabel());
  }

  @Test
  void aDialingRoundKeyNeverVerifiesAsAConversationRoundKey() throws Exception {
    Ecdsa.KeyPair mix = Ecdsa.generate(random);
    byte[] key = X25519KeyPair.generate(x25519, random).publicKey();
    byte[] cluster = new byte[32];
    byte[] dialing = RoundKeySignature.sign(RoundTerms.dialing(cluster, 5, 1), mix.privateKey(),
        0, key);
    RoundKeySignature.verify(RoundTerms.dialing(cluster, 5, 1), mix.publicKey(), 0, key, dialing);
    assertThatThrownBy(() -> RoundKeySignature.verify(RoundTerms.conversation(cluster, 5),
        mix.publicKey(), 0, key, dialing))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }
}
