package org.sotto.core.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

class OnionRoundTripTest {
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();

  @Test
  void threeMixesPeelInOrderAndTheReplyOpensAtTheClient() throws Exception {
    long round = 42;
    List<X25519KeyPair> mixes = List.of(X25519KeyPair.generate(x25519, random),
        X25519KeyPair.generate(x25519, random), X25519KeyPair.generate(x25519, random));
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);

    WrappedOnion wrapped = new OnionWrapper(x25519)
        .wrap(round, mixes.stream().map(X25519KeyPair::publicKey).toList(), request, random);
    assertThat(wrapped.onion()).hasSize(WireSizes.onionSize(3));

    byte[] current = wrapped.onion();
    List<ReplyKey> mixReplyKeys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      PeeledLayer peeled = new OnionPeeler(x25519, round, mixes.get(i), 3 - i).peel(current);
      mixReplyKeys.add(peeled.replyKey());
      current = peeled.inner();
    }
    assertThat(current).isEqualTo(request);

    byte[] answer = new byte[WireSizes.EXCHANGE_REPLY];
    random.nextBytes(answer);
    byte[] reply = answer;
    for (int i = 2; i >= 0; i--) {
      reply = mixReplyKeys.get(i).seal(reply);
    }
    assertThat(reply).hasSize(WireSizes.replySize(3));
    assertThat(wrapped.openReply(reply)).isEqualTo(answer);
  }

  @Test
  void anOnionForAnotherRoundFailsItsMac() throws Exception {
    X25519KeyPair mix = X25519KeyPair.generate(x25519, random);
    byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
    WrappedOnion wrapped =
        new OnionWrapper(x25519).wrap(7, List.of(mix.publicKey()), request, random);
    assertThatThrownBy(() -> new OnionPeeler(x25519, 8, mix, 1).peel(wrapped.onion()))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectedInputException.Reason.BAD_MAC));
  }
}
