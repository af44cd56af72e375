package org.sotto.client.dialing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sotto.core.crypto.X25519KeyPair;

/**
 * The dialing keys a dialing participant seals to and opens with (docs/protocol.md §14.8). A
 * client with an account uses its {@link DialingKeyRing}; clients without a directory (bots,
 * load tools) agree on keys out of band with {@link #fixed}.
 */
public interface DialingKeys {
  /** The key to seal a new call to {@code callee} to: theirs of the current epoch, if known. */
  Optional<byte[]> calleeKey(String callee);

  /** This client's key pairs that may open an invitation of a dialing round in key epoch. */
  List<X25519KeyPair> openers(long epoch);

  /** One key per user for every epoch, known to everyone in advance: no directory needed. */
  static DialingKeys fixed(Map<String, byte[]> published, X25519KeyPair own) {
    return new DialingKeys() {
      @Override
      public Optional<byte[]> calleeKey(String callee) {
        return Optional.ofNullable(published.get(callee));
      }

      @Override
      public List<X25519KeyPair> openers(long epoch) {
        return List.of(own);
      }
    };
  }
}
