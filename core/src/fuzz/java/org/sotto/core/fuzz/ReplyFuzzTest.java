package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * A client opening the reply to a three-mix onion, and one reply layer on its own. The first byte
 * picks the mode:
 *
 * <ul>
 *   <li>0: the rest is the reply as received, opened with {@link WrappedOnion#openReply};
 *   <li>1: the next 368 bytes are the dead drop's answer, sealed here by the three mixes: it must
 *       open to exactly that answer;
 *   <li>2: one layer with {@link ReplyKey#open}, at the size the next byte picks (0–3 layers).
 * </ul>
 */
class ReplyFuzzTest {
  private static final int MIXES = 3;
  private static final WrappedOnion CLIENT;
  private static final List<ReplyKey> MIX_KEYS = new ArrayList<>();

  static {
    X25519 x25519 = X25519Engines.best();
    List<X25519KeyPair> mixes = List.of(FuzzKeys.x25519(0x61), FuzzKeys.x25519(0x62),
        FuzzKeys.x25519(0x63));
    try {
      CLIENT = new OnionWrapper(x25519).wrap(FuzzKeys.ROUND,
          mixes.stream().map(X25519KeyPair::publicKey).toList(),
          FuzzKeys.filled(WireSizes.EXCHANGE_REQUEST, 0x5a),
          List.of(FuzzKeys.filled(32, 0x71), FuzzKeys.filled(32, 0x72), FuzzKeys.filled(32, 0x73)));
      byte[] onion = CLIENT.onion();
      for (int i = 0; i < MIXES; i++) {
        var layer = new OnionPeeler(x25519, FuzzKeys.ROUND, mixes.get(i), MIXES - i).peel(onion);
        MIX_KEYS.add(layer.replyKey());
        onion = layer.inner();
      }
    } catch (RejectedInputException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    byte[] raw = new byte[1 + WireSizes.replySize(MIXES)];
    byte[] sealedHere = new byte[1 + WireSizes.EXCHANGE_REPLY];
    sealedHere[0] = 1;
    byte[] oneLayer = new byte[2 + WireSizes.replySize(1)];
    oneLayer[0] = 2;
    oneLayer[1] = 1;
    return Stream.of(raw, sealedHere, oneLayer);
  }

  @FuzzTest(maxDuration = "5s")
  void openReply(byte[] data) {
    FuzzInput in = new FuzzInput(data);
    int mode = in.u8() % 3;
    try {
      switch (mode) {
        case 0 -> CLIENT.openReply(in.rest());
        case 1 -> {
          byte[] answer = in.exactly(WireSizes.EXCHANGE_REPLY);
          byte[] reply = answer;
          for (int i = MIXES - 1; i >= 0; i--) {
            reply = MIX_KEYS.get(i).seal(reply);
          }
          if (!Arrays.equals(CLIENT.openReply(reply), answer)) {
            throw new AssertionError("a sealed reply opened to something else");
          }
        }
        default -> {
          int layers = in.u8() % (MIXES + 1);
          CLIENT.replyKeys().get(MIXES - 1).open(in.rest(), WireSizes.replySize(layers));
        }
      }
    } catch (RejectedInputException expected) {
      if (mode == 1) {
        throw new AssertionError("a reply the mixes sealed was refused", expected);
      }
    }
  }
}
