package org.sotto.core.onion;

import static org.sotto.core.wire.WireSizes.MAC_TAG;
import static org.sotto.core.wire.WireSizes.X25519_KEY;

import java.util.Arrays;
import org.sotto.core.crypto.AesCbc;
import org.sotto.core.crypto.ConstantTime;
import org.sotto.core.crypto.HmacSha256;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.round.RoundKind;
import org.sotto.core.wire.RejectedInputException;

/**
 * A mix node's view of one round: peels the layer addressed to its round key.
 *
 * <pre>layer = ephemeralPub (32) ‖ AES-256-CBC(layerEnc, layerIv, inner) ‖ HMAC(layerMac, ciphertext) (32)</pre>
 *
 * Thread-safe: a round's batch is peeled on all cores at once.
 */
public final class OnionPeeler {
  private final X25519 x25519;
  private final RoundKind kind;
  private final long round;
  private final X25519KeyPair roundKey;
  private final int onionSize;

  /**
   * @param layersLeft how many layers an onion still has when it reaches this mix (the chain
   *     length minus this mix's position), which fixes the size every input must have
   */
  public OnionPeeler(X25519 x25519, long round, X25519KeyPair roundKey, int layersLeft) {
    this(x25519, RoundKind.CONVERSATION, round, roundKey, layersLeft);
  }

  /** A peeler for onions of {@code kind}, whose payload size and layer label it fixes. */
  public OnionPeeler(X25519 x25519, RoundKind kind, long round, X25519KeyPair roundKey,
      int layersLeft) {
    this.x25519 = x25519;
    this.kind = kind;
    this.round = round;
    this.roundKey = roundKey;
    this.onionSize = kind.onionSize(layersLeft);
  }

  /**
   * @throws RejectedInputException WRONG_LENGTH, ZERO_SHARED_SECRET or BAD_MAC; nothing else
   */
  public PeeledLayer peel(byte[] onion) throws RejectedInputException {
    RejectedInputException.requireLength("onion", onion.length, onionSize);
    byte[] ephemeral = Arrays.copyOfRange(onion, 0, X25519_KEY);
    byte[] shared = x25519.sharedSecret(roundKey.privateKey(), ephemeral);
    LayerKeys keys =
        LayerKeys.derive(kind.layerLabel(), shared, round, ephemeral, roundKey.publicKey());
    Arrays.fill(shared, (byte) 0);
    try {
      int ctLen = onion.length - X25519_KEY - MAC_TAG;
      byte[] tag = new byte[MAC_TAG];
      HmacSha256.mac(keys.okm, LayerKeys.LAYER_MAC_OFF, 32, onion, X25519_KEY, ctLen, tag, 0);
      if (!ConstantTime.equals(tag, 0, onion, X25519_KEY + ctLen, MAC_TAG)) {
        throw new RejectedInputException(RejectedInputException.Reason.BAD_MAC,
            "onion layer fails its HMAC: built for another round or mix, or tampered");
      }
      byte[] inner = new byte[ctLen];
      AesCbc.decrypt(keys.okm, LayerKeys.LAYER_ENC_OFF, keys.okm, LayerKeys.LAYER_IV_OFF, onion,
          X25519_KEY, ctLen, inner, 0);
      return new PeeledLayer(inner, keys.replyKey(), ephemeral);
    } finally {
      keys.destroy();
    }
  }
}
