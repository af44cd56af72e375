package org.sotto.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.wire.RejectedInputException;

/**
 * ECDSA verification with any public key and signature bytes. The first byte is a set of flags:
 *
 * <ul>
 *   <li>bit 0: use a valid public key instead of reading one;
 *   <li>bit 1: read the public key with a length byte (any size) instead of as 65 bytes;
 *   <li>bit 2: sign the data here with the valid key instead of reading a signature;
 *   <li>bit 3: read the signature with a length byte (any size) instead of as 64 bytes.
 * </ul>
 *
 * The data is the rest. A valid key with a signature made here must verify.
 */
class EcdsaFuzzTest {

  /** Written to src/fuzz/resources by {@link SeedWriter}. */
  static Stream<byte[]> seeds() {
    byte[] validKeyReadSig = new byte[1 + 64 + 8];
    validKeyReadSig[0] = 1;
    byte[] readKey = new byte[1 + 65 + 64 + 8];
    readKey[0] = 4;
    System.arraycopy(FuzzKeys.SIGNER.publicKey(), 0, readKey, 1, 65);
    byte[] signedHere = {5, 'd', 'a', 't', 'a'};
    return Stream.of(validKeyReadSig, readKey, signedHere);
  }

  @FuzzTest(maxDuration = "5s")
  void verify(byte[] bytes) {
    FuzzInput in = new FuzzInput(bytes);
    int flags = in.u8();
    boolean validKey = (flags & 1) != 0;
    boolean signHere = (flags & 4) != 0;
    byte[] key = validKey ? FuzzKeys.SIGNER.publicKey() : in.exactlyOrSized((flags & 2) != 0, 65);
    byte[] sig = signHere ? null : in.exactlyOrSized((flags & 8) != 0, 64);
    byte[] data = in.rest();
    if (signHere) {
      sig = Ecdsa.sign(FuzzKeys.SIGNER.privateKey(), data);
    }
    try {
      Ecdsa.verify(key, data, sig);
    } catch (RejectedInputException e) {
      if (validKey && signHere) {
        throw new AssertionError("a valid signature did not verify", e);
      }
    }
  }
}
