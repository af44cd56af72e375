package org.sotto.core.crypto;

import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the X25519 implementation once per process and logs the choice. */
public final class X25519Engines {
  private static final Logger log = LoggerFactory.getLogger(X25519Engines.class);

  private X25519Engines() {}

  private static final class Holder {
    static final X25519 BEST = load();
  }

  /** libsodium when its native library loads here, Bouncy Castle otherwise. */
  public static X25519 best() {
    return Holder.BEST;
  }

  private static X25519 load() {
    if (Boolean.getBoolean("sotto.x25519.portable")) {
      log.info("X25519: bouncycastle (forced by -Dsotto.x25519.portable=true)");
      return new BouncyCastleX25519();
    }
    try {
      X25519 sodium = new SodiumX25519();
      log.debug("X25519: libsodium (native)"); // the expected case: no line on a user's terminal
      return sodium;
    } catch (Throwable e) { // UnsatisfiedLinkError, a JNA error or a missing platform library
      log.warn("X25519: bouncycastle, because libsodium did not load here: {}", e.toString());
      return new BouncyCastleX25519();
    }
  }

  /**
   * Checks a buffer the caller owns (a private key we generated, an output array). A wrong size is
   * a programming error, not hostile input; with libsodium it would make native code read or
   * write past the end of the array, so it is caught before the call.
   */
  static void requireBuffer(String what, byte[] buffer) {
    if (buffer.length != WireSizes.X25519_KEY) {
      throw new IllegalArgumentException(
          what + " must be " + WireSizes.X25519_KEY + " bytes, got " + buffer.length);
    }
  }

  static void rejectZero(byte[] sharedSecret) throws RejectedInputException {
    if (ConstantTime.isAllZero(sharedSecret, 0, sharedSecret.length)) {
      throw new RejectedInputException(
          RejectedInputException.Reason.ZERO_SHARED_SECRET,
          "X25519 shared secret is all zeros: the peer's public key is a low-order point");
    }
  }
}
