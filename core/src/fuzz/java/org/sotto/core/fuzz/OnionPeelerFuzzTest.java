package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.stream.Stream;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/** A mix peeling whatever arrives: only RejectedInputException, or a well-formed layer. */
class OnionPeelerFuzzTest {
  private static final X25519 X25519 = X25519Engines.best();
  private static final OnionPeeler PEELER = new OnionPeeler(X25519, FuzzKeys.ROUND, FuzzKeys.MIX, 1);

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() throws RejectedInputException {
    byte[] request = FuzzKeys.filled(WireSizes.EXCHANGE_REQUEST, 0x5a);
    byte[] valid = new OnionWrapper(X25519).wrap(FuzzKeys.ROUND, List.of(FuzzKeys.MIX.publicKey()),
        request, List.of(FuzzKeys.filled(32, 0x33))).onion();
    return Stream.of(valid, new byte[WireSizes.onionSize(1)]);
  }

  @FuzzTest(maxDuration = "5s")
  void peel(byte[] onion) {
    try {
      PeeledLayer layer = PEELER.peel(onion);
      if (layer.inner().length != WireSizes.EXCHANGE_REQUEST || layer.ephemeralKey().length != 32) {
        throw new AssertionError("a peeled layer has the wrong shape");
      }
    } catch (RejectedInputException expected) {
      // the only way to refuse an onion
    }
  }
}
