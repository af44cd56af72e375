package org.sotto.mixnode;

import java.util.ArrayList;
import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundKeySignature;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.MixRoundKey;

/**
 * The round keys of the mixes after this one, which the coordinator hands a mix when it opens a
 * round and the mix wraps its noise for. Each must be signed, for its own position and this round,
 * by the descriptor's key for that position, so a coordinator cannot make a mix wrap noise for
 * keys of its own choosing (which would let it strip the noise off again).
 */
final class DownstreamKeys {
  private DownstreamKeys() {}

  /**
   * @return the keys' public halves in chain order
   * @throws RejectedInputException MALFORMED for a wrong count or position, or the signature
   *     check's reason
   */
  static List<byte[]> verified(ClusterDescriptor descriptor, int position, RoundTerms terms,
      List<MixRoundKey> keys) throws RejectedInputException {
    int expected = descriptor.chainLength() - position - 1;
    if (keys.size() != expected) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "expected " + expected + " downstream keys, got " + keys.size());
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      MixRoundKey k = keys.get(i);
      int slot = position + 1 + i;
      if (k.getPosition() != slot) {
        throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
            "downstream key " + i + " is for position " + k.getPosition() + ", not " + slot);
      }
      byte[] pub = k.getRoundPublicKey().toByteArray();
      RoundKeySignature.verify(terms, descriptor.mixes().get(slot).signingKeyBytes(), slot, pub,
          k.getSignature().toByteArray());
      out.add(pub);
    }
    return out;
  }
}
