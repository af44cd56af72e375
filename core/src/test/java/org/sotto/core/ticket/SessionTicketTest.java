package org.sotto.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.wire.RejectedInputException;

class SessionTicketTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TicketIssuerKey ISSUER = TicketIssuerKey.generate(RANDOM);
  private static final long EPOCH = 20_425;

  private static SessionTicket issue(long epoch) throws RejectedInputException {
    BlindedTicket started = ISSUER.publicKey().blind(epoch, RANDOM);
    return started.finish(ISSUER.signBlinded(epoch, started.blinded()));
  }

  @Test
  void aTicketTheIssuerSignedBlindVerifiesForItsEpoch() throws Exception {
    SessionTicket ticket = issue(EPOCH);
    assertThat(ISSUER.publicKey().verifies(ticket)).isTrue();
    assertThat(ticket.signature()).hasSize(256);
  }

  @Test
  void theIssuerSeesNeitherTheSerialNorTheSameNumberTwice() throws Exception {
    BlindedTicket a = ISSUER.publicKey().blind(EPOCH, RANDOM);
    BlindedTicket b = ISSUER.publicKey().blind(EPOCH, RANDOM);
    assertThat(a.blinded()).isNotEqualTo(b.blinded());
    SessionTicket ticket = a.finish(ISSUER.signBlinded(EPOCH, a.blinded()));
    // What the coordinator later sees (serial, signature) is not what the issuer saw.
    assertThat(ticket.signature()).isNotEqualTo(ISSUER.signBlinded(EPOCH, a.blinded()));
    assertThat(new BigInteger(1, a.blinded()).toString(16))
        .doesNotContain(new BigInteger(1, ticket.serial()).toString(16));
  }

  @Test
  void aTicketIsValidInItsOwnEpochOnly() throws Exception {
    SessionTicket ticket = issue(EPOCH);
    SessionTicket moved = new SessionTicket(EPOCH + 1, ticket.serial(), ticket.signature());
    assertThat(ISSUER.publicKey().verifies(moved)).isFalse();
    assertThatThrownBy(() -> ISSUER.publicKey().check(moved))
        .hasMessageContaining("epoch 20426");
  }

  @Test
  void aClientCannotTurnThisEpochsSignatureIntoALaterEpochsTicket() throws Exception {
    // The client blinds for a later epoch; the issuer signs only for the current one.
    BlindedTicket later = ISSUER.publicKey().blind(EPOCH + 5, RANDOM);
    byte[] signedNow = ISSUER.signBlinded(EPOCH, later.blinded());
    assertThatThrownBy(() -> later.finish(signedNow))
        .isInstanceOf(RejectedInputException.class)
        .extracting(e -> ((RejectedInputException) e).reason())
        .isEqualTo(RejectedInputException.Reason.BAD_SIGNATURE);
  }

  @Test
  void aChangedSerialOrSignatureOrAnotherIssuersKeyFails() throws Exception {
    SessionTicket ticket = issue(EPOCH);
    byte[] serial = ticket.serial();
    serial[0] ^= 1;
    assertThat(ISSUER.publicKey().verifies(
        new SessionTicket(EPOCH, serial, ticket.signature()))).isFalse();
    byte[] signature = ticket.signature();
    signature[100] ^= 1;
    assertThat(ISSUER.publicKey().verifies(
        new SessionTicket(EPOCH, ticket.serial(), signature))).isFalse();
    assertThat(ISSUER.publicKey().verifies(
        new SessionTicket(EPOCH, new byte[32], new byte[256]))).isFalse();

    TicketIssuerKey other = TicketIssuerKey.generate(RANDOM);
    assertThat(other.publicKey().verifies(ticket)).isFalse();
    BlindedTicket started = ISSUER.publicKey().blind(EPOCH, RANDOM);
    byte[] wrongIssuer = other.signBlinded(EPOCH, started.blinded());
    assertThatThrownBy(() -> started.finish(wrongIssuer))
        .isInstanceOf(RejectedInputException.class);
  }

  @Test
  void theIssuerRefusesNumbersOutsideItsModulus() {
    byte[] tooBig = new byte[256];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    assertThatThrownBy(() -> ISSUER.signBlinded(EPOCH, tooBig))
        .isInstanceOf(RejectedInputException.class);
    assertThatThrownBy(() -> ISSUER.signBlinded(EPOCH, new byte[256]))
        .isInstanceOf(RejectedInputException.class);
    assertThatThrownBy(() -> ISSUER.signBlinded(EPOCH, new byte[255]))
        .isInstanceOf(RejectedInputException.class);
  }

  @Test
  void everyEpochHasItsOwn256BitPrimeExponent() {
    BigInteger e1 = TicketPublicKey.exponent(EPOCH);
    BigInteger e2 = TicketPublicKey.exponent(EPOCH + 1);
    assertThat(e1).isNotEqualTo(e2);
    for (BigInteger e : List.of(e1, e2)) {
      assertThat(e.bitLength()).isEqualTo(256);
      assertThat(e.isProbablePrime(128)).isTrue();
    }
  }

  @Test
  void theKeyFileRoundTripsAndKeepsSigning(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("session-tickets.key");
    ISSUER.write(file);
    TicketIssuerKey read = TicketIssuerKey.read(file);
    assertThat(read.publicKey()).isEqualTo(ISSUER.publicKey());
    BlindedTicket started = read.publicKey().blind(EPOCH, RANDOM);
    assertThat(ISSUER.publicKey().verifies(started.finish(read.signBlinded(EPOCH,
        started.blinded())))).isTrue();
  }

  @Test
  void aTicketRequestIsBoundToTheAccountTheEpochAndTheBlindedNumbers() throws Exception {
    Ecdsa.KeyPair account = Ecdsa.generate(RANDOM);
    List<byte[]> blinded = List.of(ISSUER.publicKey().blind(EPOCH, RANDOM).blinded());
    byte[] sig = TicketRequest.sign(account.privateKey(), "alice", EPOCH, blinded);
    TicketRequest.verify(account.publicKey(), "alice", EPOCH, blinded, sig);
    assertThatThrownBy(() -> TicketRequest.verify(account.publicKey(), "alicf", EPOCH, blinded,
        sig)).isInstanceOf(RejectedInputException.class);
    assertThatThrownBy(() -> TicketRequest.verify(account.publicKey(), "alice", EPOCH + 1,
        blinded, sig)).isInstanceOf(RejectedInputException.class);
    List<byte[]> other = List.of(ISSUER.publicKey().blind(EPOCH, RANDOM).blinded());
    assertThatThrownBy(() -> TicketRequest.verify(account.publicKey(), "alice", EPOCH, other,
        sig)).isInstanceOf(RejectedInputException.class);
  }
}
