package org.sotto.core.onion;

import java.util.List;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * A client's onion for one round and the reply keys it must keep, outermost (mix 1) first, to
 * open the reply that comes back.
 */
public record WrappedOnion(byte[] onion, List<ReplyKey> replyKeys) {

  /**
   * Opens every reply layer, outermost first, and returns the dead drop's answer.
   *
   * @throws RejectedInputException WRONG_LENGTH or BAD_MAC if any layer was tampered with
   */
  public byte[] openReply(byte[] reply) throws RejectedInputException {
    byte[] current = reply;
    int layers = replyKeys.size();
    for (ReplyKey key : replyKeys) {
      current = key.open(current, WireSizes.replySize(layers));
      layers--;
    }
    return current;
  }

  public void destroy() {
    replyKeys.forEach(ReplyKey::destroy);
  }
}
