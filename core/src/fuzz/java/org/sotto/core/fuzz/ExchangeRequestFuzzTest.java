package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.sotto.core.wire.ExchangeRequest;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/** A dead drop parsing what the last mix hands it: refused, or encoded back to the same bytes. */
class ExchangeRequestFuzzTest {

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    return Stream.of(FuzzKeys.filled(WireSizes.EXCHANGE_REQUEST, 0x5a));
  }

  @FuzzTest(maxDuration = "5s")
  void parse(byte[] bytes) {
    try {
      if (!Arrays.equals(ExchangeRequest.parse(bytes).encode(), bytes)) {
        throw new AssertionError("parse then encode changed the bytes");
      }
    } catch (RejectedInputException expected) {
      // the only way to refuse a request
    }
  }
}
