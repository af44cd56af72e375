package org.sotto.core.ticket;

import org.bouncycastle.crypto.engines.RSABlindingEngine;
import org.bouncycastle.crypto.params.RSABlindingParameters;
import org.sotto.core.wire.RejectedInputException;

/**
 * A ticket the client has started: its serial and blinding factor stay here, only
 * {@link #blinded()} goes to the issuer, whose answer {@link #finish} unblinds and checks.
 */
public final class BlindedTicket {
  private final TicketPublicKey key;
  private final long epoch;
  private final byte[] serial;
  private final RSABlindingParameters blinding;
  private final byte[] blinded;

  BlindedTicket(TicketPublicKey key, long epoch, byte[] serial, RSABlindingParameters blinding,
      byte[] blinded) {
    this.key = key;
    this.epoch = epoch;
    this.serial = serial;
    this.blinding = blinding;
    this.blinded = blinded;
  }

  public long epoch() {
    return epoch;
  }

  /** What the issuer signs: the PSS-encoded message times r^e mod n; it says nothing of it. */
  public byte[] blinded() {
    return blinded.clone();
  }

  /**
   * The ticket, from the issuer's signature on {@link #blinded()}: multiplied by r⁻¹ and checked
   * (an issuer that answered with anything else, or under another key, is caught here).
   */
  public SessionTicket finish(byte[] blindSignature) throws RejectedInputException {
    RejectedInputException.requireLength("blind signature", blindSignature.length, key.bytes());
    RSABlindingEngine unblinder = new RSABlindingEngine();
    unblinder.init(false, blinding);
    byte[] signature;
    try {
      signature = unblinder.processBlock(blindSignature, 0, blindSignature.length);
    } catch (org.bouncycastle.crypto.DataLengthException e) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "the blind signature is not a number below the ticket key's modulus");
    }
    SessionTicket ticket = new SessionTicket(epoch, serial,
        TicketPublicKey.unsigned(new java.math.BigInteger(1, signature), key.bytes()));
    key.check(ticket);
    return ticket;
  }
}
