package org.sotto.client.round;

import java.util.List;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.round.RoundTerms;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.MixRoundKey;

/**
 * Checks a round's mix keys against the descriptor the client pinned: one key per mix, in chain
 * order, each signed by that mix's long-term key for this position and the round's terms (this
 * cluster, kind of round, round number and bucket count, {@link RoundTerms}). A
 * client wraps nothing for a round that fails: a coordinator must not be able to slip in keys of
 * its own.
 */
public final class PinnedRoundKeys {
  private PinnedRoundKeys() {}

  /** Why the keys must be refused, or null when every one verifies. */
  public static String problem(ClusterDescriptor descriptor, RoundTerms terms,
      List<MixRoundKey> keys) {
    if (keys.size() != descriptor.chainLength()) {
      return "expected " + descriptor.chainLength() + " mix keys, got " + keys.size();
    }
    for (int i = 0; i < keys.size(); i++) {
      MixRoundKey k = keys.get(i);
      try {
        if (k.getPosition() != i) {
          return "mix key " + i + " claims position " + k.getPosition();
        }
        VerifiedRoundKeys.verify(terms, descriptor.mixes().get(i).signingKeyBytes(), i,
            k.getRoundPublicKey().toByteArray(), k.getSignature().toByteArray());
      } catch (RejectedInputException e) {
        return "the round key of " + descriptor.mixes().get(i).name() + " does not verify "
            + "against the pinned descriptor for " + terms + " (" + e.getMessage() + "): the "
            + "coordinator changed a signed parameter or serves another cluster";
      }
    }
    return null;
  }
}
