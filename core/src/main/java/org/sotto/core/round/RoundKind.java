package org.sotto.core.round;

import org.sotto.core.crypto.Labels;
import org.sotto.core.wire.WireSizes;

/**
 * The two kinds of mixing round. Both use the same onion layer format (docs/protocol.md §6), but
 * each kind has its own round-key signing label, its own onion-layer HKDF label and its own
 * innermost payload, so a round key or an onion of one kind can never pass as the other: a
 * coordinator cannot hand clients a mix's dialing key as a conversation key, nor feed a dialing
 * onion into a conversation round.
 */
public enum RoundKind {
  /** Conversation rounds: 384-byte exchange requests for the dead drops. */
  CONVERSATION(Labels.ROUND_KEY_SIGNATURE, Labels.ONION_LAYER, WireSizes.EXCHANGE_REQUEST),
  /** Dialing rounds: 288-byte dialing requests (bucket ‖ sealed invitation). */
  DIALING(Labels.DIALING_ROUND_KEY_SIGNATURE, Labels.DIALING_LAYER, WireSizes.DIALING_REQUEST);

  private final byte[] signatureLabel;
  private final byte[] layerLabel;
  private final int requestSize;

  RoundKind(byte[] signatureLabel, byte[] layerLabel, int requestSize) {
    this.signatureLabel = signatureLabel;
    this.layerLabel = layerLabel;
    this.requestSize = requestSize;
  }

  /** Prefix of what a mix signs to certify its round key for a round of this kind. */
  public byte[] signatureLabel() {
    return signatureLabel;
  }

  /** HKDF info of the keys of one onion layer of this kind. */
  public byte[] layerLabel() {
    return layerLabel;
  }

  /** Size of the innermost payload, what the last mix reads. */
  public int requestSize() {
    return requestSize;
  }

  /** Size of an onion of this kind that still has {@code layers} layers to peel. */
  public int onionSize(int layers) {
    return requestSize + layers * WireSizes.ONION_LAYER_OVERHEAD;
  }
}
