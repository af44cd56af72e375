package org.sotto.client.round;

import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.wire.WireSizes;
import org.sotto.proto.Welcome;

/**
 * Checks a session's Welcome against the pinned descriptor, as client.proto asks: the round
 * parameters are the same for every client (that uniformity is part of the privacy argument),
 * so a coordinator announcing others is either misconfigured or singling this client out, and the
 * client leaves rather than send onions shaped differently from everyone else's.
 */
final class WelcomeCheck {
  private WelcomeCheck() {}

  /** Why this client must not use the session, or null. */
  static String problem(ClusterDescriptor descriptor, Welcome welcome) {
    int n = descriptor.chainLength();
    if (welcome.getChainLength() != n || welcome.getSlotsPerRound() != descriptor.slotsPerRound()
        || welcome.getOnionSize() != WireSizes.onionSize(n)
        || welcome.getReplySize() != WireSizes.replySize(n)) {
      return "the coordinator (" + welcome.getServerVersion() + ") announces "
          + welcome.getChainLength() + " mixes, " + welcome.getSlotsPerRound() + " slots, "
          + welcome.getOnionSize() + "-byte onions and " + welcome.getReplySize()
          + "-byte replies; the pinned descriptor says " + n + ", " + descriptor.slotsPerRound()
          + ", " + WireSizes.onionSize(n) + " and " + WireSizes.replySize(n)
          + " (update the client or check the descriptor)";
    }
    return null;
  }
}
