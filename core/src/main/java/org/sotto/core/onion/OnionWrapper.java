package org.sotto.core.onion;

import static org.sotto.core.wire.WireSizes.MAC_TAG;
import static org.sotto.core.wire.WireSizes.X25519_KEY;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.X25519;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;

/**
 * Wraps an exchange request in one layer per mix, innermost (last mix) first, so that mix 1 peels
 * the outermost layer. Clients wrap their own requests; mix nodes wrap their noise for the rest of
 * the chain, which makes noise indistinguishable from real requests downstream. Dialing requests
 * are wrapped the same way, with the dialing layer label ({@link RoundKind#DIALING}).
 */
public final class OnionWrapper {
  private final X25519 x25519;
  private final RoundKind kind;

  public OnionWrapper(X25519 x25519) {
    this(x25519, RoundKind.CONVERSATION);
  }

  /** A wrapper for payloads of {@code kind} (its size and its layer label). */
  public OnionWrapper(X25519 x25519, RoundKind kind) {
    this.x25519 = x25519;
    this.kind = kind;
  }

  /**
   * @param mixRoundKeys the round public keys of the mixes that will peel, in chain order
   * @throws RejectedInputException ZERO_SHARED_SECRET if a round key is a low-order point
   */
  public WrappedOnion wrap(long round, List<byte[]> mixRoundKeys, byte[] exchangeRequest,
      SecureRandom random) throws RejectedInputException {
    List<byte[]> ephemerals = new ArrayList<>(mixRoundKeys.size());
    for (int i = 0; i < mixRoundKeys.size(); i++) {
      byte[] e = new byte[X25519_KEY];
      random.nextBytes(e);
      ephemerals.add(e);
    }
    try {
      return wrap(round, mixRoundKeys, exchangeRequest, ephemerals);
    } finally {
      ephemerals.forEach(e -> Arrays.fill(e, (byte) 0));
    }
  }

  /** Wraps with caller-chosen ephemeral private keys (one per mix, chain order); for vectors. */
  public WrappedOnion wrap(long round, List<byte[]> mixRoundKeys, byte[] exchangeRequest,
      List<byte[]> ephemeralPrivateKeys) throws RejectedInputException {
    RejectedInputException.requireLength(
        kind == RoundKind.DIALING ? "dialing request" : "exchange request",
        exchangeRequest.length, kind.requestSize());
    if (ephemeralPrivateKeys.size() != mixRoundKeys.size() || mixRoundKeys.isEmpty()) {
      throw new IllegalArgumentException("need one ephemeral key per mix, and at least one mix");
    }
    byte[] inner = exchangeRequest;
    List<ReplyKey> replyKeys = new ArrayList<>();
    for (int i = mixRoundKeys.size() - 1; i >= 0; i--) {
      byte[] mixPub = mixRoundKeys.get(i);
      byte[] ephPriv = ephemeralPrivateKeys.get(i);
      byte[] ephPub = x25519.publicKey(ephPriv);
      byte[] shared = x25519.sharedSecret(ephPriv, mixPub);
      LayerKeys keys = LayerKeys.derive(kind.layerLabel(), shared, round, ephPub, mixPub);
      Arrays.fill(shared, (byte) 0);

      byte[] layer = new byte[X25519_KEY + inner.length + MAC_TAG];
      System.arraycopy(ephPub, 0, layer, 0, X25519_KEY);
      AesCbc.encrypt(keys.okm, LayerKeys.LAYER_ENC_OFF, keys.okm, LayerKeys.LAYER_IV_OFF, inner, 0,
          inner.length, layer, X25519_KEY);
      HmacSha256.mac(keys.okm, LayerKeys.LAYER_MAC_OFF, 32, layer, X25519_KEY, inner.length, layer,
          X25519_KEY + inner.length);
      replyKeys.add(keys.replyKey());
      keys.destroy();
      inner = layer;
    }
    Collections.reverse(replyKeys);
    return new WrappedOnion(inner, List.copyOf(replyKeys));
  }
}
