package org.sotto.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.sotto.core.wire.RejectedInputException;

/** libsodium and Bouncy Castle agree on every key, shared secret and rejection. */
class X25519PropertiesTest {
  private final X25519 sodium = new SodiumX25519();
  private final X25519 bc = new BouncyCastleX25519();

  @Property
  void publicKeysAgree(@ForAll @Size(32) byte[] priv) {
    assertThat(sodium.publicKey(priv)).isEqualTo(bc.publicKey(priv));
  }

  @Property
  void sharedSecretsAgreeAndAreSymmetric(
      @ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b) throws Exception {
    byte[] aPub = bc.publicKey(a);
    byte[] bPub = bc.publicKey(b);
    byte[] ab = sodium.sharedSecret(a, bPub);
    assertThat(bc.sharedSecret(a, bPub)).isEqualTo(ab);
    assertThat(sodium.sharedSecret(b, aPub)).isEqualTo(ab);
    assertThat(bc.sharedSecret(b, aPub)).isEqualTo(ab);
  }

  /** Any 32 bytes as the peer's key, including non-canonical ones: same result or same refusal. */
  @Property
  void arbitraryPeerKeysGiveTheSameResultOrTheSameRejection(
      @ForAll @Size(32) byte[] priv, @ForAll @Size(32) byte[] peer) {
    assertThat(outcome(sodium, priv, peer)).isEqualTo(outcome(bc, priv, peer));
  }

  private static String outcome(X25519 x, byte[] priv, byte[] peer) {
    try {
      return java.util.HexFormat.of().formatHex(x.sharedSecret(priv, peer));
    } catch (RejectedInputException e) {
      return e.reason().name();
    }
  }
}
