package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;

/**
 * A client checking a mix node's round-key signature from RoundSettings, every field arbitrary.
 * Layout: flags (1) ‖ round (8) ‖ position (4) ‖ round key ‖ signing key ‖ signature, where
 *
 * <ul>
 *   <li>bit 0: use the mix's valid signing key instead of reading one;
 *   <li>bit 1: sign here with that key instead of reading a signature;
 *   <li>bit 2, 3, 4: read the round key, signing key, signature with a length byte (any size).
 * </ul>
 *
 * A signature made here must verify for its own round and must not for the next one.
 */
class RoundKeySignatureFuzzTest {
  private static final byte[] CLUSTER = new byte[32];

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    byte[] signedHere = new byte[1 + 8 + 4 + 32];
    signedHere[0] = 3;
    byte[] allRead = new byte[1 + 8 + 4 + 32 + 65 + 64];
    allRead[1 + 8 + 4 + 32] = 4;
    return Stream.of(signedHere, allRead);
  }

  @FuzzTest(maxDuration = "5s")
  void verify(byte[] bytes) {
    FuzzInput in = new FuzzInput(bytes);
    int flags = in.u8();
    long round = in.u64();
    int position = in.u32();
    byte[] roundKey = in.exactlyOrSized((flags & 4) != 0, 32);
    boolean validKey = (flags & 1) != 0;
    boolean signHere = (flags & 2) != 0;
    byte[] key = validKey ? FuzzKeys.SIGNER.publicKey() : in.exactlyOrSized((flags & 8) != 0, 65);
    byte[] sig = signHere
        ? RoundKeySignature.sign(RoundTerms.conversation(CLUSTER, round),
            FuzzKeys.SIGNER.privateKey(), position, roundKey)
        : in.exactlyOrSized((flags & 16) != 0, 64);
    boolean mustVerify = validKey && signHere && roundKey.length == 32;
    try {
      RoundKeySignature.verify(RoundTerms.conversation(CLUSTER, round), key, position, roundKey,
          sig);
    } catch (RejectedInputException e) {
      if (mustVerify) {
        throw new AssertionError("a valid round-key signature did not verify", e);
      }
    }
    if (mustVerify) {
      try {
        RoundKeySignature.verify(RoundTerms.conversation(CLUSTER, round + 1), key, position,
            roundKey, sig);
        throw new AssertionError("a round-key signature verified for another round");
      } catch (RejectedInputException expected) {
        // bound to its round
      }
    }
  }
}
