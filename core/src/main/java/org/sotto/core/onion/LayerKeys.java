package org.sotto.core.onion;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.sotto.core.crypto.Hkdf;
import org.sotto.core.crypto.Labels;

/**
 * The six secrets of one onion layer, from one X25519 shared secret:
 *
 * <pre>
 * okm = HKDF-SHA256(ikm  = X25519(ephemeral, mixRoundKey),
 *                   salt = u64be(round) ‖ ephemeralPub ‖ mixRoundPub,
 *                   info = "sotto/v1/onion-layer", 160)
 * layerEnc = okm[0,32)   layerMac = okm[32,64)   layerIv = okm[64,80)
 * replyEnc = okm[80,112) replyMac = okm[112,144) replyIv = okm[144,160)
 * </pre>
 *
 * Each key encrypts exactly one message, which is why the IVs may be derived rather than random.
 * Salting with the round makes an onion built for one round useless in any other. Dialing onions
 * use the info "sotto/v1/dialing-layer" instead ({@link org.sotto.core.round.RoundKind}).
 */
final class LayerKeys {
  static final int OKM_LENGTH = 160;

  final byte[] okm;

  private LayerKeys(byte[] okm) {
    this.okm = okm;
  }

  static LayerKeys derive(byte[] sharedSecret, long round, byte[] ephemeralPub, byte[] mixPub) {
    return derive(Labels.ONION_LAYER, sharedSecret, round, ephemeralPub, mixPub);
  }

  static LayerKeys derive(byte[] info, byte[] sharedSecret, long round, byte[] ephemeralPub,
      byte[] mixPub) {
    byte[] salt = ByteBuffer.allocate(8 + ephemeralPub.length + mixPub.length)
        .putLong(round).put(ephemeralPub).put(mixPub).array();
    return new LayerKeys(Hkdf.derive(sharedSecret, salt, info, OKM_LENGTH));
  }

  /** Offsets of the layer's AES and HMAC keys inside {@link #okm}; used in place, not copied. */
  static final int LAYER_ENC_OFF = 0;
  static final int LAYER_MAC_OFF = 32;

  /** Offset of the layer IV inside {@link #okm}. */
  static final int LAYER_IV_OFF = 64;

  ReplyKey replyKey() {
    return new ReplyKey(Arrays.copyOfRange(okm, 80, 160));
  }

  void destroy() {
    Arrays.fill(okm, (byte) 0);
  }
}
