package org.sotto.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.RejectedInputException.Reason;
import org.sotto.core.wire.WireSizes;

class InvitationBoxTest {
  private static final long DIALING_ROUND = 170_000_123L;
  private final SecureRandom random = new SecureRandom();
  private final X25519 x25519 = X25519Engines.best();
  private final Ecdsa.KeyPair aliceSigning = Ecdsa.generate(random);
  private final X25519KeyPair aliceDh = X25519KeyPair.generate(x25519, random);
  private final X25519KeyPair bobDh = X25519KeyPair.generate(x25519, random);
  private final InvitationBody fromAlice =
      new InvitationBody("alice_1", aliceSigning.publicKey(), aliceDh.publicKey(), 880_000_000L);

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RejectedInputException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private byte[] sealToBob(InvitationBody invitation, byte[] signingPrivate) throws Exception {
    return InvitationBox.seal(invitation, signingPrivate, bobDh.publicKey(), DIALING_ROUND, x25519,
        random);
  }

  @Test
  void theCalleeOpensWhatWasSealedToItWithEveryField() throws Exception {
    byte[] sealed = sealToBob(fromAlice, aliceSigning.privateKey());
    assertThat(sealed).hasSize(WireSizes.INVITATION).hasSize(272);
    InvitationBody opened = InvitationBox.open(sealed, bobDh, DIALING_ROUND, x25519);
    assertThat(opened).isEqualTo(fromAlice);
    assertThat(opened.callerSigningKey()).isEqualTo(aliceSigning.publicKey());
    assertThat(opened.callerDhKey()).isEqualTo(aliceDh.publicKey());
    assertThat(opened.startRound()).isEqualTo(880_000_000L);
  }

  @Test
  void everyoneElseAndEveryOtherRoundSeesOnlyAMacFailure() throws Exception {
    byte[] sealed = sealToBob(fromAlice, aliceSigning.privateKey());
    X25519KeyPair carol = X25519KeyPair.generate(x25519, random);
    assertRejected(() -> InvitationBox.open(sealed, carol, DIALING_ROUND, x25519), Reason.BAD_MAC);
    assertRejected(() -> InvitationBox.open(sealed, bobDh, DIALING_ROUND + 1, x25519),
        Reason.BAD_MAC);
  }

  @Test
  void noiseAndTamperingFailTheMac() {
    byte[] noise = new byte[WireSizes.INVITATION];
    random.nextBytes(noise);
    assertRejected(() -> InvitationBox.open(noise, bobDh, DIALING_ROUND, x25519), Reason.BAD_MAC);
    for (int position : new int[] {0, 31, 32, 100, 239, 240, 271}) {
      assertRejected(() -> {
        byte[] sealed = sealToBob(fromAlice, aliceSigning.privateKey());
        sealed[position] ^= 1;
        InvitationBox.open(sealed, bobDh, DIALING_ROUND, x25519);
      }, Reason.BAD_MAC);
    }
  }

  @Test
  void anInvitationNotSignedByTheKeyItNamesIsForged() throws Exception {
    Ecdsa.KeyPair mallory = Ecdsa.generate(random);
    byte[] forged = sealToBob(fromAlice, mallory.privateKey());
    assertRejected(() -> InvitationBox.open(forged, bobDh, DIALING_ROUND, x25519),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void theSignatureBindsTheCalleeSoAnInvitationCannotBePassedOn() throws Exception {
    // Bob re-seals the plaintext Alice signed for him to Carol, with the same ephemeral key choice
    // open to him: the signature covers Bob's key, so Carol sees a forgery.
    X25519KeyPair carol = X25519KeyPair.generate(x25519, random);
    byte[] forBob = sealToBob(fromAlice, aliceSigning.privateKey());
    byte[] plainForBob = decryptWithoutChecks(forBob, bobDh);
    byte[] passedOn = resealPlaintext(plainForBob, carol.publicKey());
    assertRejected(() -> InvitationBox.open(passedOn, carol, DIALING_ROUND, x25519),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void badFieldsAreMalformed() {
    byte[] plain = new byte[WireSizes.INVITATION_PLAINTEXT];
    plain[0] = 40; // name longer than 32
    assertRejected(() -> InvitationBody.decode(plain), Reason.MALFORMED);
    plain[0] = 3;
    plain[1] = 'B'; // not canonical
    plain[2] = 'o';
    plain[3] = 'b';
    assertRejected(() -> InvitationBody.decode(plain), Reason.MALFORMED);
    plain[1] = 'b';
    plain[143] = 1; // reserved byte
    assertRejected(() -> InvitationBody.decode(plain), Reason.MALFORMED);
  }

  @Test
  void invitationsRefuseNamesThatCannotBeEncoded() {
    assertThatThrownBy(() -> new InvitationBody("x".repeat(33), aliceSigning.publicKey(),
        aliceDh.publicKey(), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvitationBody("Alice", aliceSigning.publicKey(),
        aliceDh.publicKey(), 1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** CBC-decrypts with the callee's key, skipping MAC and signature checks, as a callee can. */
  private byte[] decryptWithoutChecks(byte[] sealed, X25519KeyPair callee) throws Exception {
    byte[] e = java.util.Arrays.copyOfRange(sealed, 0, 32);
    byte[] okm = org.sotto.core.crypto.Hkdf.derive(x25519.sharedSecret(callee.privateKey(), e),
        java.nio.ByteBuffer.allocate(72).putLong(DIALING_ROUND).put(e).put(callee.publicKey())
            .array(), org.sotto.core.crypto.Labels.INVITATION_BOX, 80);
    byte[] plain = new byte[WireSizes.INVITATION_PLAINTEXT];
    org.sotto.core.crypto.AesCbc.decrypt(java.util.Arrays.copyOfRange(okm, 0, 32), okm, 64, sealed,
        32, plain.length, plain, 0);
    return plain;
  }

  private byte[] resealPlaintext(byte[] plain, byte[] calleePublic) throws Exception {
    byte[] ephemeral = new byte[32];
    random.nextBytes(ephemeral);
    byte[] e = x25519.publicKey(ephemeral);
    byte[] okm = org.sotto.core.crypto.Hkdf.derive(x25519.sharedSecret(ephemeral, calleePublic),
        java.nio.ByteBuffer.allocate(72).putLong(DIALING_ROUND).put(e).put(calleePublic).array(),
        org.sotto.core.crypto.Labels.INVITATION_BOX, 80);
    byte[] sealed = new byte[WireSizes.INVITATION];
    System.arraycopy(e, 0, sealed, 0, 32);
    org.sotto.core.crypto.AesCbc.encrypt(java.util.Arrays.copyOfRange(okm, 0, 32), okm, 64, plain,
        0, plain.length, sealed, 32);
    org.sotto.core.crypto.HmacSha256.mac(java.util.Arrays.copyOfRange(okm, 32, 64), sealed, 32,
        plain.length, sealed, 32 + plain.length);
    return sealed;
  }
}
