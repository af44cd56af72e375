package org.sotto.client.round;

import org.sotto.core.crypto.Randoms;
import org.sotto.core.wire.WireSizes;

/**
 * A request that looks like every other: a random dead-drop ID and random bytes where a sealed
 * message would be. Sent in every slot no conversation uses, so idle and chatting clients send the
 * same thing.
 */
public final class CoverTraffic {
  private CoverTraffic() {}

  public static byte[] request() {
    byte[] r = new byte[WireSizes.EXCHANGE_REQUEST];
    Randoms.perThread().nextBytes(r); // no lock shared by every client of a bot fleet
    return r;
  }
}
