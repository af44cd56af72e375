package org.sotto.client.identity;

import java.security.SecureRandom;
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519KeyPair;

/**
 * A user's long-term identity: an ECDSA P-256 key that signs every message they send, and an
 * X25519 key from which every conversation secret is derived.
 */
public record Identity(String username, Ecdsa.KeyPair signing, X25519KeyPair dh) {

  public static Identity generate(String username, X25519 x25519, SecureRandom random) {
    return new Identity(username, Ecdsa.generate(random), X25519KeyPair.generate(x25519, random));
  }

  /** What others need to talk to this user. */
  public Contact asContact() {
    return new Contact(username, signing.publicKey(), dh.publicKey());
  }
}
