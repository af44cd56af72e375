package org.sotto.coordinator.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Bearer tokens from Register and Login, for UpdateKeyBackup. Held in memory only: they guard
 * nothing but backup updates, so a coordinator restart simply asks users to log in again.
 */
final class SessionTokens {
  static final int TOKEN_BYTES = 32;

  /** A token and when it expires. */
  record Issued(ByteString token, long expiresUnixMs) {}

  private final Cache<ByteString, String> owners;
  private final Duration ttl;
  private final SecureRandom random;

  SessionTokens(Duration ttl, Ticker ticker, SecureRandom random) {
    this.ttl = ttl;
    this.random = random;
    this.owners = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker)
        .maximumSize(1_000_000).build();
  }

  Issued issue(String username) {
    byte[] token = new byte[TOKEN_BYTES];
    random.nextBytes(token);
    ByteString t = ByteString.copyFrom(token);
    owners.put(t, username);
    return new Issued(t, System.currentTimeMillis() + ttl.toMillis());
  }

  /** The account a token belongs to, or null when it is unknown or expired. */
  String owner(ByteString token) {
    return owners.getIfPresent(token);
  }

  /** Revokes {@code token}, and every other token of its owner if {@code everywhere}. */
  void revoke(ByteString token, boolean everywhere) {
    String owner = owners.asMap().remove(token);
    if (owner != null && everywhere) {
      revokeOthers(owner, token);
    }
  }

  /** Revokes every token of {@code username} except {@code keep}. */
  void revokeOthers(String username, ByteString keep) {
    owners.asMap().entrySet()
        .removeIf(e -> e.getValue().equals(username) && !e.getKey().equals(keep));
  }
}
