package org.sotto.core.ticket;

import java.util.Arrays;

/**
 * The right to hold one session with the coordinator during one epoch: a random serial and the
 * issuer's signature on it under that epoch's exponent ({@link TicketPublicKey}). Whoever holds
 * it may present it; the issuer signed it blind, so it cannot tell which account it went to.
 *
 * @param epoch the epoch it is valid in (unix time / epoch length)
 * @param serial {@value TicketPublicKey#SERIAL_BYTES} random bytes chosen by the client
 * @param signature RSASSA-PSS (SHA-384, no salt) over {@link TicketPublicKey#message}
 */
public record SessionTicket(long epoch, byte[] serial, byte[] signature) {
  public SessionTicket {
    serial = serial.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] serial() {
    return serial.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionTicket t && t.epoch == epoch && Arrays.equals(t.serial, serial)
        && Arrays.equals(t.signature, signature);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epoch) * 31 + Arrays.hashCode(serial);
  }

  @Override
  public String toString() {
    return "SessionTicket[epoch=" + Long.toUnsignedString(epoch) + "]";
  }
}
