package org.sotto.mixnode;

import java.util.List;
import java.util.function.Supplier;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.proto.RoundKeyAnnouncement;

/**
 * One round of any kind at one mix, from OpenRound to its end: its private key and the signed
 * announcement of the public half, the settings and downstream keys it was opened with, its noise
 * (made ahead or inline) and the early peel of its batch while that streams in.
 *
 * <p>Life of a round: open, then at most one batch {@link #claim claims} it; once its onions are
 * peeled the engine {@link #handOn hands it on} and removes it from the {@link RoundTable}, whose
 * listener {@link #erase erases} the key, as it does when the round is closed or expires first.
 */
final class MixRound<S> {
  private final long round;
  private final S settings;
  private final X25519KeyPair key;
  private final RoundKeyAnnouncement announcement;
  private final List<byte[]> downstreamKeys;

  private RoundNoise noise;
  private BatchPeeler early;
  private boolean claimed;
  private boolean handedOn;
  private boolean erased;

  MixRound(long round, S settings, X25519KeyPair key, RoundKeyAnnouncement announcement,
      List<byte[]> downstreamKeys) {
    this.round = round;
    this.settings = settings;
    this.key = key;
    this.announcement = announcement;
    this.downstreamKeys = List.copyOf(downstreamKeys);
  }

  long round() {
    return round;
  }

  S settings() {
    return settings;
  }

  X25519KeyPair key() {
    return key;
  }

  RoundKeyAnnouncement announcement() {
    return announcement;
  }

  /** The round public keys of the mixes after this one, in chain order (empty at the last). */
  List<byte[]> downstreamKeys() {
    return downstreamKeys;
  }

  /**
   * The round's noise, drawn by {@code draw} the first time; null once the round is over.
   *
   * @param drawn told of the noise when this call drew it
   */
  synchronized RoundNoise noise(Supplier<RoundNoise> draw, java.util.function.Consumer<RoundNoise>
      drawn) {
    if (noise == null && !erased) {
      noise = draw.get();
      drawn.accept(noise);
    }
    return erased && !handedOn ? null : noise;
  }

  synchronized boolean noiseDrawn() {
    return noise != null;
  }

  /** A batch for the round is streaming in; a second stream starts afresh. */
  synchronized void beginPeel(BatchPeeler peeler) {
    if (!claimed && !erased) {
      early = peeler;
    }
  }

  synchronized void peelArrived(byte[][] items, int first, int n) {
    if (early != null && !claimed) {
      early.arrived(items, first, n);
    }
  }

  /** The early peel if it saw exactly {@code batch} arrive whole, else null; either way it ends. */
  synchronized BatchPeeler takeEarlyPeel(byte[][] batch) {
    BatchPeeler peeled = early != null && early.covers(batch) ? early : null;
    early = null;
    return peeled;
  }

  /** The first batch of the round takes it; any later one is refused. */
  synchronized boolean claim() {
    if (claimed || erased) {
      return false;
    }
    claimed = true;
    return true;
  }

  synchronized boolean claimed() {
    return claimed;
  }

  /** The peel is done: the round leaves the table as mixed, not as closed unmixed. */
  synchronized void handOn() {
    handedOn = true;
  }

  synchronized boolean handedOn() {
    return handedOn;
  }

  /**
   * Destroys the private key; the round can no longer be mixed. Its noise is dropped too unless
   * the round was handed on, whose batch still needs it.
   */
  synchronized void erase() {
    erased = true;
    key.destroy();
    early = null;
    if (noise != null && !handedOn) {
      noise.drop();
    }
  }

  synchronized boolean erased() {
    return erased;
  }
}
